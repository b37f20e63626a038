//! Pages and components. They read state through [`crate::commands`] and
//! [`crate::state::AppState`]; they never touch storage or the network.

mod badges;
mod banners;
mod certificate;
mod chart;
mod db_error;
pub mod desk;
mod editor;
mod forum_editor;
mod forum_home;
mod forum_list;
mod header;
mod import;
pub mod programme;
mod projects;
mod reports;
mod review;
mod scanner;
mod session_page;
mod settings;
pub mod sync;
mod text;
mod verify;
mod volunteers;
mod walk_in;

use crate::browser;
use crate::commands::open_app_db;
use crate::i18n::Msg;
use crate::state::{apply_document_lang, saved_lang, AppState};
use crate::store::schema::DB_NAME;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

/// The whole app: opens the database, then shows the pages, or a full-screen message
/// when the database cannot be opened.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(saved_lang());
    // Keep <html lang> and the manifest in step with the chosen language.
    Effect::new(move |_| {
        apply_document_lang(lang.get());
        browser::set_manifest_language(lang.get().code());
    });
    let update_ready = RwSignal::new(false);
    browser::register_service_worker(move || update_ready.set(true));
    let attempt = RwSignal::new(0u32);
    let db = LocalResource::new(move || {
        attempt.track();
        async move {
            open_app_db(DB_NAME)
                .await
                .map(|(repo, writer)| (Rc::new(repo), writer))
        }
    });
    let loading = move || view! { <p class="loading" role="status">{move || Msg::Loading.text(lang.get())}</p> };
    view! {
        <Suspense fallback=loading>
            {move || {
                db.get()
                    .map(|opened| match opened {
                        Ok((repo, writer)) => {
                            let state = AppState::new(lang, update_ready, repo.clone(), writer);
                            provide_context(state);
                            leptos::task::spawn_local(async move {
                                if repo.closed_by_version_change().await.is_ok() {
                                    state.reload_needed.set(true);
                                }
                            });
                            view! { <Shell /> }.into_any()
                        }
                        Err(error) => {
                            view! {
                                <db_error::DbError
                                    lang=lang
                                    error=error
                                    retry=Callback::new(move |_| attempt.update(|a| *a += 1))
                                />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let state = AppState::expect();
    provide_context(programme::Wide(browser::media_query(programme::WIDE_QUERY)));
    crate::sync::engine::start(state);
    crate::e2e_hooks::register(state);
    view! {
        <Router>
            <a class="skip" href="#main">{move || state.t(Msg::SkipToContent)}</a>
            <header::Header />
            <banners::Banners />
            <sync::SyncLine />
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <p>{move || state.t(Msg::PageNotFound)}</p> }>
                    <Route path=path!("/") view=forum_list::ForumList />
                    <Route path=path!("/forum/new") view=forum_editor::ForumEditorPage />
                    <Route path=path!("/forum/:id") view=forum_home::ForumHome />
                    <Route path=path!("/forum/:id/edit") view=forum_editor::ForumEditorPage />
                    <Route path=path!("/forum/:id/session/:session") view=session_page::SessionPage />
                    <Route path=path!("/forum/:id/plan") view=session_page::PlanPage />
                    <Route path=path!("/forum/:id/edit/session/:session") view=editor::SessionEditorPage />
                    <Route path=path!("/forum/:id/desk") view=desk::DeskPage />
                    <Route path=path!("/forum/:id/desk/new") view=walk_in::WalkInPage />
                    <Route path=path!("/forum/:id/badges") view=badges::BadgesPage />
                    <Route path=path!("/forum/:id/import") view=import::ImportPage />
                    <Route path=path!("/forum/:id/review") view=review::ReviewPage />
                    <Route path=path!("/forum/:id/volunteers") view=volunteers::VolunteersPage />
                    <Route path=path!("/forum/:id/volunteers/:person/certificate") view=certificate::CertificatePage />
                    <Route path=path!("/forum/:id/projects") view=projects::ProjectsPage />
                    <Route path=path!("/forum/:id/reports") view=reports::ReportsPage />
                    <Route path=path!("/reports") view=reports::AllReportsPage />
                    <Route path=path!("/verify") view=verify::VerifyPage />
                    <Route path=path!("/settings") view=settings::Settings />
                </Routes>
            </main>
        </Router>
    }
}
