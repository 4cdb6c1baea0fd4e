//! `followup import` on an export of each tool it knows, written by hand to
//! the documented column layouts (tests/fixtures/import/, fake people):
//! every mapped field lands where it should, and what has no field is kept
//! in the notes under its header.

mod common;

use common::Book;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Imports a fixture into a fresh book; returns the book and every
/// imported prospect (`show --format json`), in file order.
fn import(name: &str) -> (Book, Vec<Value>) {
    let book = Book::new();
    let v = book.run_json(&["import", &fixture(name)]);
    assert_eq!(v["imported"], true, "{v}");
    let shown = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .map(|id| book.show(id))
        .collect();
    (book, shown)
}

fn notes(p: &Value) -> &str {
    p["notes"].as_str().unwrap_or_default()
}

#[test]
fn hubspot_contacts() {
    let (_book, p) = import("hubspot_contacts.csv");
    assert_eq!(p.len(), 3);
    assert_eq!(p[0]["name"], "Zoë Åberg");
    assert_eq!(p[0]["email"], "zoe.aberg@example.com");
    assert_eq!(p[0]["phone"], "+1 416 555 0101");
    assert_eq!(p[0]["company"], "Nordic Windows");
    assert_eq!(p[0]["status"], "active");
    assert!(
        notes(&p[0]).contains("Job Title: Facilities manager"),
        "{}",
        p[0]
    );
    assert!(notes(&p[0]).contains("Record ID: 1001"), "{}", p[0]);
    assert!(
        notes(&p[0]).contains("Contact owner: Sam Carter"),
        "{}",
        p[0]
    );
    // "closedwon" is won; a status HubSpot has and followup does not is kept.
    assert_eq!(p[1]["status"], "won");
    assert_eq!(p[2]["status"], "active");
    assert!(notes(&p[2]).contains("Lead Status: Attempted to contact"));
}

#[test]
fn hubspot_deals() {
    let (_book, p) = import("hubspot_deals.csv");
    assert_eq!(p[0]["name"], "Maple Street Bakery storefront");
    assert_eq!(p[0]["value_cents"], 1_250_000);
    assert!(notes(&p[0]).contains("Deal Stage: Appointment scheduled"));
    assert!(notes(&p[0]).contains("Close Date: 2026-12-15"));
    assert_eq!(p[1]["status"], "lost");
    assert_eq!(p[1]["value_cents"], 840_000);
}

#[test]
fn pipedrive_persons() {
    let (_book, p) = import("pipedrive_persons.csv");
    assert_eq!(p[0]["name"], "Hélène Côté");
    assert_eq!(p[0]["company"], "Côté Design");
    assert_eq!(p[0]["email"], "helene@example.com");
    // The other addresses of the person, comma-joined in one cell, are kept.
    let n = notes(&p[0]);
    assert!(
        n.contains("Person - Email (Home): helene.home@example.net"),
        "{n}"
    );
    assert!(
        n.contains("Person - Email (Home): hcote@example.org"),
        "{n}"
    );
    assert!(n.contains("Met at the home show"), "{n}");
    assert!(
        n.contains("Organization - Address: 12 rue Saint-Paul, Montréal"),
        "{n}"
    );
    assert_eq!(p[1]["phone"], "555-0141");
    assert!(notes(&p[1]).contains("Person - Phone: 555-0199"));
}

#[test]
fn pipedrive_deals() {
    let (_book, p) = import("pipedrive_deals.csv");
    assert_eq!(p[0]["name"], "Anna Schmidt");
    assert_eq!(p[0]["product"], "Kitchen windows");
    assert_eq!(p[0]["value_cents"], 480_000);
    assert_eq!(p[0]["probability"], 60);
    assert_eq!(p[0]["company"], "Schmidt GmbH");
    // The activity is the next step, its subject the step's note.
    let step = &p[0]["next_step"];
    assert_eq!(step["note"], "Walk through the quote", "{step}");
    assert!(
        step["due"]["start"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-25"),
        "{step}"
    );
    assert!(notes(&p[0]).contains("Deal - Currency of value: EUR"));
    assert_eq!(p[1]["status"], "lost");
    assert_eq!(p[1]["lost_reason"], "Went with a cheaper quote");
    assert!(p[1]["next_step"].is_null());
}

#[test]
fn salesforce_leads_report_labels() {
    let (_book, p) = import("salesforce_leads_report.csv");
    assert_eq!(p[0]["name"], "Grace Okafor");
    assert_eq!(p[0]["company"], "Okafor & Sons");
    assert_eq!(p[0]["phone"], "(212) 555-0150");
    assert!(notes(&p[0]).contains("Lead Status: Open - Not Contacted"));
    assert_eq!(p[1]["status"], "won", "Closed - Converted");
}

#[test]
fn salesforce_leads_api_names() {
    let (_book, p) = import("salesforce_leads_api.csv");
    assert_eq!(p[0]["name"], "Mei Chen");
    assert_eq!(p[0]["company"], "Chen Dental");
    assert_eq!(p[0]["phone"], "415-555-0160");
    assert_eq!(p[0]["email"], "mei@example.com");
    let n = notes(&p[0]);
    assert!(n.starts_with("Needs a quote for six windows."), "{n}");
    assert!(n.contains("MobilePhone: 415-555-0161"), "{n}");
    assert!(n.contains("Id: 00Q5e000001AbcDEAS"), "{n}");
}

#[test]
fn zoho_crm_leads() {
    let (_book, p) = import("zoho_leads.csv");
    assert_eq!(p[0]["name"], "Lena Fischer");
    assert_eq!(p[0]["company"], "Fischer Holz");
    assert_eq!(p[0]["phone"], "030 5550170");
    assert!(notes(&p[0]).contains("Mobile: 0151 5550171"));
    // Annual revenue is not a quote: kept, not taken as the value.
    assert!(p[0]["value_cents"].is_null());
    assert!(notes(&p[0]).contains("Annual Revenue: 250,000"));
    assert_eq!(p[1]["status"], "lost", "Lost Lead");
}

#[test]
fn close_leads() {
    let (_book, p) = import("close_leads.csv");
    assert_eq!(p[0]["name"], "Dr. Ada Brooks");
    assert_eq!(p[0]["company"], "Riverside Clinic");
    assert_eq!(p[0]["email"], "ada@riverside.example.com");
    assert_eq!(p[0]["phone"], "+1 617 555 0180");
    let step = &p[0]["next_step"];
    assert_eq!(step["note"], "Send the revised quote", "{step}");
    assert!(
        step["due"]["start"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-26"),
        "{step}"
    );
    let n = notes(&p[0]);
    assert!(n.contains("custom.Budget: 15000"), "{n}");
    assert!(
        n.contains("primary_contact_other_emails: frontdesk@riverside.example.com"),
        "{n}"
    );
    assert_eq!(p[1]["status"], "won", "a Close customer");
}

#[test]
fn google_contacts() {
    let (_book, p) = import("google_contacts.csv");
    assert_eq!(p[0]["name"], "Olivia Rose Martin");
    assert_eq!(p[0]["company"], "Martin Architects");
    assert_eq!(p[0]["email"], "olivia@martin.example.com");
    assert_eq!(p[0]["phone"], "+1 604 555 0190");
    let n = notes(&p[0]);
    assert!(n.starts_with("Referred by Marcus"), "{n}");
    assert!(n.contains("Phone 1 - Value: +1 604 555 0191"), "{n}");
    assert!(n.contains("E-mail 2 - Value: liv@example.net"), "{n}");
    assert!(n.contains("Organization Title: Partner"), "{n}");
}

#[test]
fn google_contacts_legacy() {
    let (_book, p) = import("google_contacts_legacy.csv");
    assert_eq!(p[0]["name"], "Noah Wilson");
    assert_eq!(p[0]["company"], "Wilson Homes");
    assert_eq!(p[0]["email"], "noah@example.com");
    assert_eq!(p[0]["phone"], "604 555 0193");
    assert!(notes(&p[0]).contains("Prefers texts"));
}

#[test]
fn a_plain_spreadsheet() {
    let (_book, p) = import("spreadsheet.csv");
    assert_eq!(p[0]["name"], "Ruth Adler");
    assert_eq!(p[0]["product"], "Storefront glazing");
    assert_eq!(p[0]["value_cents"], 1_250_050);
    assert_eq!(p[0]["probability"], 40);
    assert_eq!(p[0]["objection"], "Price vs. last year's quote");
    assert!(
        p[0]["next_step"]["due"]["start"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-24")
    );
    assert_eq!(notes(&p[0]), "Source: Referral");
    // European money, a fraction, and a WHEN the language does not read.
    assert_eq!(p[1]["value_cents"], 123_450);
    assert_eq!(p[1]["probability"], 25);
    assert!(p[1]["next_step"].is_null());
    assert!(notes(&p[1]).contains("Next step: sometime after the fair"));
}

#[test]
fn vcards_4_3_and_2_1() {
    let (_book, p) = import("contacts_v4.vcf");
    assert_eq!(p[0]["name"], "Zoë Åberg");
    assert_eq!(p[0]["company"], "Nordic Windows");
    assert_eq!(p[0]["phone"], "+1-416-555-0101");
    assert_eq!(p[0]["email"], "zoe.aberg@example.com");
    let n = notes(&p[0]);
    assert!(
        n.starts_with("Likes oak frames, not pine.\nCall after 5."),
        "{n}"
    );
    assert!(n.contains("Phone (cell): +1 416 555 0199"), "{n}");
    assert!(n.contains("Title: Facilities manager"), "{n}");

    let (_book, p) = import("contacts_v3.vcf");
    assert_eq!(p.len(), 2);
    assert_eq!(p[0]["name"], "Marcus Lee");
    assert_eq!(p[0]["email"], "marcus.lee@example.net");
    assert!(notes(&p[0]).contains("E-mail: marcus@home.example.net"));
    assert!(notes(&p[0]).contains("Address (work): 12 Queen St, Toronto, ON, M5H 2N2, Canada"));
    assert_eq!(p[1]["email"], "priya@example.org");

    let (_book, p) = import("contacts_v21.vcf");
    assert_eq!(p[0]["name"], "Hélène Côté");
    assert_eq!(p[0]["phone"], "514-555-0140");
    assert!(notes(&p[0]).contains("Wants triple glazing"));
}

#[test]
fn followups_own_export_restores_its_marked_cells() {
    let (book, p) = import("followup_export.csv");
    assert_eq!(p[0]["name"], "Ada Quinn");
    assert_eq!(p[0]["phone"], "+1 416 555 0107");
    assert_eq!(p[0]["product"], "=Bay window");
    assert_eq!(p[0]["notes"], "-- called twice");
    assert_eq!(p[0]["value_cents"], 1_250_000);
    // It keeps the uid it was exported with: importing again updates it.
    let h = book.run_json(&["history", &p[0]["id"].to_string()]);
    assert_eq!(h["uid"], "0192f1a0-0000-7000-8000-000000000007");
    let again = book.run_json(&["import", &fixture("followup_export.csv")]);
    assert_eq!(
        (again["created"].as_u64(), again["skipped"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(again["rows"][0]["matched_by"], "uid");
}
