//! Two routes, a signal, an input bound to a signal and a link: the least a Leptos
//! app with a router compiles to. bench/size-breakdown.sh prints its size beside the
//! app's.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
fn Home() -> impl IntoView {
    let (n, set_n) = signal(0);
    view! {
        <button on:click=move |_| set_n.update(|n| *n += 1)>{move || n.get()}</button>
        <A href="/b">"b"</A>
    }
}

#[component]
fn Other() -> impl IntoView {
    let text = RwSignal::new(String::new());
    view! {
        <input bind:value=text />
        <p>{move || text.get()}</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "not found">
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/b") view=Other />
                </Routes>
            </Router>
        }
    });
}
