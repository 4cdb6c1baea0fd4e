//! The script for an agreed visit or meeting: a next step that is not a
//! call has nothing to do with the voicemail series' wording.

use super::template::Template;

/// What to prepare and how to run an agreed visit or meeting.
const MEETING: &str = "\
Before you go: reread what they told you and bring what they asked to see.
You: start from their goals and what has changed since {last_contact}; ask one open question.
Me: show how {product} answers that, and let them try it or see it in place.
Next step: before you leave, agree on what happens next and when. Then debrief right away, while it is fresh.";

/// The script for a visit or meeting.
pub fn meeting_script() -> Template {
    // A constant that parses (tested below); should it ever not, the text
    // is still worth reading as it stands.
    Template::parse(MEETING).unwrap_or_else(|_| Template::literal(MEETING))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::TemplateContext;

    #[test]
    fn the_meeting_script_parses_and_reads_well_with_what_is_known() {
        assert!(Template::parse(MEETING).is_ok());
        let ctx = TemplateContext {
            last_contact: Some("Wed 18 Nov".into()),
            product: Some("the triple pane windows".into()),
            ..Default::default()
        };
        let text = meeting_script().render(&ctx);
        assert!(text.contains("since Wed 18 Nov"), "{text}");
        assert!(
            text.contains("show how the triple pane windows answers"),
            "{text}"
        );
        assert!(!text.contains('{'), "{text}");
    }
}
