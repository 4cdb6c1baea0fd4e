//! Word lists for sample books: people, companies, products and the things
//! prospects say. All invented; phone numbers are in the 555-01xx range kept
//! for fiction and emails use the reserved `example` domains.

/// Given names, including some accented ones.
#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark",
    "Margaret", "Steven", "Sandra", "Paul", "Ashley", "Andrew", "Kimberly", "Joshua", "Emily",
    "Kenneth", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda", "Timothy",
    "Melissa", "Ronald", "Deborah", "Jason", "Stephanie", "Edward", "Rebecca", "Jeffrey", "Laura",
    "Ryan", "Sharon", "Jacob", "Cynthia", "Gary", "Kathleen", "Nicholas", "Amy", "Eric", "Angela",
    "Jonathan", "Shirley", "Stephen", "Anna", "Larry", "Ruth", "Justin", "Brenda", "Scott",
    "Pamela", "Brandon", "Nicole", "Benjamin", "Katherine", "Samuel", "Virginia", "Gregory",
    "Catherine", "Priya", "Aisha", "Omar", "Mateo", "José", "Zoë", "Chloé", "Renée", "Anaïs",
    "Søren", "Björn", "François", "Hélène", "Łukasz", "Ángela", "Inés", "Jürgen", "Maël",
];

/// Family names, including some accented ones.
#[rustfmt::skip]
pub(super) const LAST_NAMES: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
    "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy",
    "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
    "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Patel",
    "Okafor", "O'Brien", "MacLeod", "Tremblay", "Müller", "Gagné", "Lefèvre", "Núñez", "Åberg",
    "Dvořák", "Šimić", "Çelik", "Østergaard", "Côté", "Bélanger", "Nowak", "Kowalski",
];

/// A few full names written in CJK scripts, with the romanised form used
/// for their email address.
pub(super) const CJK_NAMES: &[(&str, &str)] = &[
    ("王芳", "wang.fang"),
    ("李伟", "li.wei"),
    ("张敏", "zhang.min"),
    ("陈静", "chen.jing"),
    ("佐藤健", "sato.ken"),
    ("鈴木花子", "suzuki.hanako"),
    ("김민준", "kim.minjun"),
    ("이서연", "lee.seoyeon"),
];

/// Area codes for the 555-01xx numbers.
#[rustfmt::skip]
pub(super) const AREA_CODES: &[&str] = &[
    "212", "303", "312", "403", "415", "416", "503", "512", "514", "604", "612", "617", "702",
    "720", "778", "802", "819", "902",
];

/// Businesses that ask for quotes. `{last}` is replaced by a family name.
pub(super) const COMPANIES: &[&str] = &[
    "{last} Dental Clinic",
    "{last} & Sons Plumbing",
    "{last} Family Pharmacy",
    "{last} Law Office",
    "Maple Street Bakery",
    "Northside Auto Body",
    "Harbor View Condominiums",
    "St. Anne's Parish Hall",
    "Riverside Daycare",
    "Blue Heron Inn",
    "Pine Ridge Veterinary",
    "Lakeshore Yoga Studio",
    "Cedar Court Apartments",
    "Summit Physiotherapy",
    "Old Mill Brewing Co.",
    "Greenway Property Management",
    "Copper Kettle Café",
    "Westend Hardware",
    "Brightside Learning Centre",
    "Foxglove Florist",
];

/// Trade products quoted, with a typical price range in whole dollars.
pub(super) const PRODUCTS: &[(&str, i64, i64)] = &[
    ("Triple-pane casement windows", 4_000, 28_000),
    ("Double-hung vinyl windows", 3_000, 18_000),
    ("Bay window with seat", 4_500, 12_000),
    ("Egress basement window", 1_500, 4_500),
    ("Sliding patio door", 2_500, 7_500),
    ("Fiberglass entry door with sidelites", 3_500, 9_500),
    ("French patio doors", 4_000, 11_000),
    ("Insulated steel garage door", 1_800, 6_500),
    ("Architectural shingle roof replacement", 9_000, 32_000),
    ("Standing-seam metal roof", 18_000, 60_000),
    ("Flat roof membrane (TPO)", 8_000, 26_000),
    ("Seamless gutters and guards", 1_500, 5_500),
    ("Skylight replacement (pair)", 2_500, 7_000),
    ("Kitchen cabinet refacing", 9_000, 25_000),
    ("Full kitchen remodel", 25_000, 60_000),
    ("Quartz countertops", 3_500, 12_000),
    ("Bathroom remodel", 12_000, 38_000),
    ("Cold-climate heat pump", 9_000, 22_000),
    ("High-efficiency gas furnace", 4_500, 11_000),
    ("Ductless mini-split, 3 zones", 7_500, 18_000),
    ("Central air conditioner", 5_000, 12_000),
    ("Heat recovery ventilator", 3_000, 7_000),
    ("Tankless water heater", 2_500, 6_500),
    ("Vinyl siding, whole house", 12_000, 35_000),
    ("Composite deck, 300 sq ft", 12_000, 30_000),
    ("Attic insulation top-up", 1_500, 5_000),
    ("Basement waterproofing", 6_000, 20_000),
    ("Storefront glazing", 15_000, 60_000),
    ("Rooftop HVAC unit replacement", 20_000, 60_000),
];

/// Why a prospect holds back.
pub(super) const OBJECTIONS: &[&str] = &[
    "Wants to compare two more quotes",
    "Waiting on spouse",
    "Price is above what they budgeted",
    "Worried about the lead time",
    "Not sure about financing",
    "Wants to see the colour samples in daylight",
    "Thinks they can wait until next season",
    "Heard mixed reviews about the installer",
    "Unsure the energy savings are real",
    "Wants a cheaper option for the back of the house",
    "Concerned about mess during the work",
    "Needs to check with the condo board",
    "Waiting for the tax refund",
    "Wants references from neighbours",
    "Prefers to do part of it themselves",
    "Not convinced they need the full replacement",
    "Landlord has to approve",
    "Worried about the warranty fine print",
];

/// Who decides and how.
pub(super) const DECISIONS: &[&str] = &[
    "Both spouses decide together; they talk it over on weekends",
    "Decides with her husband, who is away until Friday",
    "Owner decides alone but wants the warranty terms in writing",
    "Needs approval at the monthly board meeting (second Tuesday)",
    "Office manager recommends; the owner signs",
    "Their son is an engineer and reviews every quote",
    "Waiting for the bank to confirm the renovation loan",
    "Will decide once the third quote arrives next week",
    "Property manager collects three bids, then the owners vote",
    "Wants one more look at the samples with the designer",
    "Decides after the insurance adjuster's visit",
    "Both partners must agree; one of them travels a lot",
    "Decides by the end of the month, before the fiscal year closes",
    "Needs the landlord's written go-ahead first",
];

/// Why a prospect said no.
pub(super) const LOST_REASONS: &[&str] = &[
    "Went with a cheaper competitor",
    "Project postponed to next year",
    "Financing was not approved",
    "Decided to repair instead of replace",
    "Chose a competitor with a shorter lead time",
    "Selling the house; project cancelled",
    "Budget went to another priority",
    "Their brother-in-law will do the work",
    "Condo board turned it down",
];

/// What the prospect wants to achieve.
pub(super) const GOALS: &[&str] = &[
    "a quieter bedroom on the street side",
    "lower heating bills this winter",
    "getting rid of the drafts in the living room",
    "a brighter kitchen before the baby arrives",
    "fixing the leak before the next big storm",
    "selling the house next spring at a better price",
    "less maintenance as they get older",
    "keeping the customers comfortable in summer",
    "meeting the new energy code for the rebate",
    "a safer exit from the basement bedroom",
];

/// What they liked in the proposal.
pub(super) const LIKED: &[&str] = &[
    "the lifetime glass warranty",
    "the colour-matched trim",
    "that our crew does the install, not subcontractors",
    "the energy-rebate paperwork being handled for them",
    "the three-week installation slot",
    "the financing at 0% for 12 months",
    "the sample we left on the kitchen table",
];

/// What worries them.
pub(super) const CONCERNS: &[&str] = &[
    "the six-week lead time",
    "the deposit amount",
    "dust in the house during the work",
    "whether the dog will be okay with the crew around",
    "the price of the upgraded hardware",
    "fitting the work around their holidays",
    "matching the neighbours' style",
];

/// What the consultant promised to do before the next contact.
pub(super) const PROMISES: &[&str] = &[
    "Promised to email the energy-rebate form.",
    "Promised to send photos of a similar job nearby.",
    "Said I'd check whether the black frames are in stock.",
    "Owe them a revised quote without the back door.",
    "Promised the installer's availability for next month.",
    "Said I'd send two references from their neighbourhood.",
    "Will send the financing application link.",
    "Promised a written warranty summary, one page.",
];

/// Notes on the quote visit.
pub(super) const VISIT_NOTES: &[&str] = &[
    "Quote presented at the kitchen table; measured every opening.",
    "Walked the site with both owners; quote left in person.",
    "Presented two options, good and best; they leaned to best.",
    "Measured up, showed samples, quote emailed the same evening.",
    "Site visit with the manager; photos taken of the old units.",
];

/// Notes on a conversation that ended with an agreed next step.
pub(super) const TALK_NOTES: &[&str] = &[
    "Still comparing; agreed to talk again after the weekend.",
    "Spouse has questions about the warranty; joint call next.",
    "Asked for the revised quote; sent it while on the phone.",
    "Walked them through the proposal line by line.",
    "They lost the proposal; resent it and went over the totals.",
    "Price is the sticking point; discussed the financing option.",
    "Third quote came in lower; explained what is not included in it.",
    "Good call; they want to see a finished job nearby first.",
    "Busy week for them; asked me to call back at a set time.",
    "Went over the cost of waiting another winter.",
];

/// Notes on a meeting or video call.
pub(super) const MEETING_NOTES: &[&str] = &[
    "Video call with both owners; screen-shared the drawings.",
    "Met at the showroom; they picked the hardware finish.",
    "Second visit to re-measure the back openings.",
];

/// Notes on a text message exchange.
pub(super) const TEXT_NOTES: &[&str] = &[
    "Texted back: busy this week, next week is better.",
    "Quick text exchange; confirmed they got the quote.",
];

/// Notes on an email sent outside the series.
pub(super) const EMAIL_NOTES: &[&str] = &[
    "Sent the warranty summary and two references.",
    "Emailed the revised quote.",
    "Sent photos of a similar job two streets over.",
];

/// Notes on a voicemail or unanswered call of the series.
pub(super) const VOICEMAIL_NOTES: &[&str] = &[
    "Left a short message.",
    "Mailbox greeting says back on Monday.",
    "Rang out; left message on second try.",
    "Their daughter answered; message passed on.",
];

/// Notes on a series email.
pub(super) const SERIES_EMAIL_NOTES: &[&str] = &[
    "Sent three suggested times.",
    "Emailed to find a time that suits.",
];

/// Notes on reaching the prospect in the middle of the series.
pub(super) const CALLBACK_NOTES: &[&str] = &[
    "They called back; sorry for the silence, family matter.",
    "Picked up at last; still interested, needs a bit more time.",
    "Reached on the mobile; agreed on a new time to talk.",
];

/// Notes on the meeting where they signed.
pub(super) const WON_MEETING_NOTES: &[&str] = &[
    "Signed the contract at the kitchen table; deposit taken.",
    "Signed at the showroom; install booked.",
];

/// Notes on the quote visit where they signed at once.
pub(super) const SIGNED_AT_VISIT_NOTES: &[&str] = &[
    "Quoted and signed on the spot; deposit taken.",
    "Went over the quote and they signed before I left.",
];

/// Notes on the call where they said yes.
pub(super) const WON_CALL_NOTES: &[&str] = &[
    "Said yes on the phone; contract signed by email.",
    "They called to go ahead; deposit paid online.",
];

/// Notes on an unanswered call of the series.
pub(super) const NO_ANSWER_NOTES: &[&str] =
    &["Rang out; no voicemail set up.", "No answer; mailbox full."];

/// Notes on the losing conversation.
pub(super) const LOST_NOTES: &[&str] = &[
    "Told me they went another way; thanked them.",
    "Decided not to go ahead for now; left the door open.",
    "Clear no; asked if I may check in next year, they agreed.",
];

/// Notes on the final voicemail of the series.
pub(super) const FINAL_NOTES: &[&str] = &["Left the final message; closing the file."];

/// Notes on an agreed next step.
pub(super) const STEP_NOTES: &[&str] = &[
    "Both of them will be home",
    "Call her mobile, not the landline",
    "She works days; evenings are best",
    "Have the revised numbers ready",
    "Ask whether the third quote came in",
    "Joint call with the other decision maker",
];

/// Notes on a paused series.
pub(super) const PAUSED_NOTES: &[&str] = &[
    "Series on hold: travelling until the end of the month",
    "Series on hold: waiting for the insurance adjuster",
];

/// Lowercase ASCII for an email address: accents folded, other letters dropped.
pub(super) fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let folded = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'A'..='Z' => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Å' => "a",
            'ç' | 'Ç' | 'č' | 'Č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'Í' | 'Î' => "i",
            'ñ' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ö' | 'Ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'Ú' | 'Ü' => "u",
            'ý' | 'ÿ' => "y",
            'ł' | 'Ł' => "l",
            'š' | 'Š' => "s",
            'ř' | 'Ř' => "r",
            'ž' | 'Ž' => "z",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        out.push_str(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_for_email_addresses() {
        assert_eq!(ascii_fold("José"), "jose");
        assert_eq!(ascii_fold("Østergaard"), "ostergaard");
        assert_eq!(ascii_fold("O'Brien"), "obrien");
        assert_eq!(ascii_fold("Dvořák"), "dvorak");
        assert_eq!(ascii_fold("Łukasz"), "lukasz");
    }

    #[test]
    fn lists_are_about_a_hundred_long() {
        assert!(FIRST_NAMES.len() >= 95, "{}", FIRST_NAMES.len());
        assert!(LAST_NAMES.len() >= 95, "{}", LAST_NAMES.len());
        for name in FIRST_NAMES.iter().chain(LAST_NAMES) {
            assert!(!ascii_fold(name).is_empty(), "{name}");
        }
        for (_, lo, hi) in PRODUCTS {
            assert!(1_500 <= *lo && lo < hi && *hi <= 60_000);
        }
    }
}
