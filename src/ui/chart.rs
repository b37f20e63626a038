//! A horizontal bar chart in SVG, built from view! elements (no markup strings).
//!
//! Each bar has its label on a line above it and its figure at the right end of that
//! line, so bars use the whole width. The drawing is as wide as its container (lengths
//! and positions across are percentages) while rows and text keep their size in CSS
//! pixels, so the text stays readable on a 360 px phone and does not grow on a wide
//! screen (a scaled `viewBox` would shrink it to 9 px on a phone).
//!
//! A bar may have a part drawn over it (checked in of registered, done of planned).
//! The chart is an image with a title (`role="img"`, `aria-labelledby`); pages put its
//! figures in a real table right after it, for screen readers and for printing.

use leptos::prelude::*;

/// Height of one bar's row, in CSS pixels: a text line and the bar.
const ROW: f64 = 38.0;
const TEXT_BASELINE: f64 = 13.0;
const BAR_TOP: f64 = 18.0;
const BAR_HEIGHT: f64 = 13.0;
/// Characters that fit on a label line at 360 px, label and figure together; a longer
/// label is clipped (the table has the whole text).
const LINE_CHARS: usize = 38;
/// A label keeps at least this many characters, however long its figure.
const LABEL_MIN: usize = 14;

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

/// Shortens a label so that it fits its line next to `figure`, with an ellipsis.
fn clip(label: &str, figure: &str) -> String {
    let room = LINE_CHARS
        .saturating_sub(figure.chars().count() + 2)
        .max(LABEL_MIN);
    if label.chars().count() <= room {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(room - 1).collect();
        s.push('…');
        s
    }
}

/// Length of a value against the scale's maximum, in percent of the width.
fn length(value: f64, max: f64) -> f64 {
    if max <= 0.0 || value <= 0.0 {
        0.0
    } else {
        (value / max).min(1.0) * 100.0
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
            let label = clip(&bar.label, &bar.figure);
            view! {
                <g>
                    <text class="bar-label" x="0" y=format!("{:.1}", y + TEXT_BASELINE)>{label}</text>
                    <text class="bar-figure" x="100%" y=format!("{:.1}", y + TEXT_BASELINE) text-anchor="end">{bar.figure}</text>
                    <rect class="bar-track" x="0" y=format!("{:.1}", y + BAR_TOP) width="100%" height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
                    <rect class=class x="0" y=format!("{:.1}", y + BAR_TOP) width=format!("{full:.2}%") height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
                    {part.map(|w| view! {
                        <rect class=part_class x="0" y=format!("{:.1}", y + BAR_TOP) width=format!("{w:.2}%") height=format!("{BAR_HEIGHT:.0}") rx="2"></rect>
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
            width="100%"
            height=format!("{height:.0}")
        >
            <title id=title_id>{title}</title>
            {rows}
        </svg>
    }
}

/// The chart's key: what the light bar, the dark part and (if given) the warning
/// colour mean.
#[component]
pub fn Legend(
    whole: String,
    part: String,
    #[prop(optional)] warn: Option<String>,
) -> impl IntoView {
    view! {
        <p class="chart-legend" aria-hidden="true">
            <span class="key whole"></span>
            {whole}
            <span class="key part"></span>
            {part}
            {warn.map(|w| view! { <span class="key warn"></span> {w} })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_clipped() {
        assert_eq!(clip("Almaty", "3 / 10"), "Almaty");
        let long = "а".repeat(50);
        let clipped = clip(&long, "3 / 10");
        assert_eq!(clipped.chars().count(), LINE_CHARS - 8);
        assert!(clipped.ends_with('…'));
        // A long figure leaves the label its minimum.
        assert_eq!(clip(&long, &"9".repeat(40)).chars().count(), LABEL_MIN);
    }

    #[test]
    fn lengths_are_scaled_and_capped() {
        assert_eq!(length(5.0, 10.0), 50.0);
        assert_eq!(length(20.0, 10.0), 100.0);
        assert_eq!(length(3.0, 0.0), 0.0);
        assert_eq!(length(-1.0, 10.0), 0.0);
    }
}
