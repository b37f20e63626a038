//! A horizontal bar chart in SVG, built from view! elements (no markup strings).
//!
//! Each bar has its label on a line above it and its figure at the right end of that
//! line, so bars use the whole width and the text stays readable on a 360 px phone:
//! the drawing has a fixed `viewBox` and scales to the width of its container.
//!
//! A bar may have a part drawn over it (checked in of registered, done of planned).
//! The chart is an image with a title (`role="img"`, `aria-labelledby`); pages put its
//! figures in a real table right after it, for screen readers and for printing.

use leptos::prelude::*;

/// Width of the drawing in its own units (≈ CSS pixels at its natural size).
const WIDTH: f64 = 400.0;
/// Height of one bar's row: a text line and the bar.
const ROW: f64 = 38.0;
const TEXT_BASELINE: f64 = 13.0;
const BAR_TOP: f64 = 18.0;
const BAR_HEIGHT: f64 = 13.0;
/// Longest label drawn (the table has the whole text).
const LABEL_CHARS: usize = 36;

/// One bar of a [`BarChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The bar's length, against the longest bar.
    pub value: f64,
    /// A part of the value drawn over it (e.g. checked in of registered), if any.
    pub part: Option<f64>,
    /// The figure written at the end of the label line (e.g. "12 / 30").
    pub figure: String,
    /// Drawn in the warning colour (e.g. an overdue target).
    pub warn: bool,
}

/// Shortens a label to [`LABEL_CHARS`] characters, with an ellipsis.
fn clip(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// Length of a value against the scale's maximum, in drawing units.
fn length(value: f64, max: f64) -> f64 {
    if max <= 0.0 || value <= 0.0 {
        0.0
    } else {
        (value / max).min(1.0) * WIDTH
    }
}

/// A horizontal bar chart. `id` must be unique on the page (it names the title).
/// `scale` fixes the value of a full-width bar (e.g. 1.0 for shares); by default the
/// longest bar is full width.
#[component]
pub fn BarChart(
    id: String,
    title: String,
    bars: Vec<Bar>,
    #[prop(optional)] scale: Option<f64>,
) -> impl IntoView {
    let max = scale.unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max));
    let height = (bars.len() as f64 * ROW).max(ROW);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = i as f64 * ROW;
            let full = length(bar.value, max);
            let part = bar.part.map(|p| length(p, max).min(full));
            // The warning colour goes on the part when there is one.
            let (class, part_class) = match (bar.warn, part.is_some()) {
                (true, false) => ("bar-value warn", "bar-part"),
                (true, true) => ("bar-value", "bar-part warn"),
                (false, _) => ("bar-value", "bar-part"),
            };
            let label = clip(&bar.label);
            view! {
                <g>
                    <text class="bar-label" x="0" y=format!("{:.1}", y + TEXT_BASELINE)>{label}</text>
                    <text class="bar-figure" x=format!("{WIDTH:.0}") y=format!("{:.1}", y + TEXT_BASELINE) text-anchor="end">{bar.figure}</text>
                    <rect class="bar-track" x="0" y=format!("{:.1}", y + BAR_TOP) width=format!("{WIDTH:.0}") height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
                    <rect class=class x="0" y=format!("{:.1}", y + BAR_TOP) width=format!("{full:.1}") height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
                    {part.map(|w| view! {
                        <rect class=part_class x="0" y=format!("{:.1}", y + BAR_TOP) width=format!("{w:.1}") height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="bar-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {WIDTH:.0} {height:.0}")
            preserveAspectRatio="xMinYMin meet"
        >
            <title id=title_id>{title}</title>
            {rows}
        </svg>
    }
}

/// The chart's key: what the light bar and the dark part mean.
#[component]
pub fn Legend(whole: String, part: String) -> impl IntoView {
    view! {
        <p class="chart-legend" aria-hidden="true">
            <span class="key whole"></span>
            {whole}
            <span class="key part"></span>
            {part}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_clipped() {
        assert_eq!(clip("Almaty"), "Almaty");
        let long = "а".repeat(50);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), LABEL_CHARS);
        assert!(clipped.ends_with('…'));
    }

    #[test]
    fn lengths_are_scaled_and_capped() {
        assert_eq!(length(5.0, 10.0), WIDTH / 2.0);
        assert_eq!(length(20.0, 10.0), WIDTH);
        assert_eq!(length(3.0, 0.0), 0.0);
        assert_eq!(length(-1.0, 10.0), 0.0);
    }
}
