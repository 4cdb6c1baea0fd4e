//! TLS against a real throwaway server started with `ssl=on` and a
//! certificate made here (by an authority made here too): each `sslmode`
//! trusts the server as far as libpq's does, and the connection really is
//! encrypted.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use std::path::Path;
use std::time::Duration;

use super::hub::Hub;
use super::server;
use super::testing::{self, Pg};

/// A certificate authority and a server certificate it signed for
/// `names`: (the authority's PEM, the server's PEM, the server's key PEM).
fn authority_and_server(names: &[&str]) -> (String, String, String) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "followup test authority");
    let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut leaf =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    leaf.distinguished_name
        .push(DnType::CommonName, "followup test server");
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    (ca_pem, cert.pem(), key.serialize_pem())
}

fn connect(pg: &Pg, extra: &str) -> Result<Hub, super::TeamError> {
    server::connect(
        &pg.tcp_conn_str("postgres", "postgres", extra),
        Duration::from_secs(20),
    )
}

/// Whether this connection is encrypted, as the server sees it.
fn encrypted(hub: &mut Hub) -> bool {
    hub.run(async |c| {
        Ok(c.query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await?
        .get(0))
    })
    .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn each_sslmode_trusts_the_server_as_far_as_libpq_does() {
    let (ca, cert, key) = authority_and_server(&["localhost", "127.0.0.1"]);
    let Some(pg) = testing::start_with_tls(&cert, &key) else {
        return;
    };
    let files = tempfile::tempdir().unwrap();
    let ca_file = write(files.path(), "ca.pem", &ca);
    let (other_ca, _, _) = authority_and_server(&["localhost"]);
    let other_file = write(files.path(), "other.pem", &other_ca);

    // prefer (the default) and require: encrypted, the certificate unchecked.
    assert!(encrypted(&mut connect(&pg, "").unwrap()));
    assert!(encrypted(&mut connect(&pg, "sslmode=require").unwrap()));
    // disable: in the clear.
    assert!(!encrypted(&mut connect(&pg, "sslmode=disable").unwrap()));
    // verify-full: the authority and the name both match.
    let full = format!("sslmode=verify-full sslrootcert={ca_file}");
    assert!(encrypted(&mut connect(&pg, &full).unwrap()));
    // Another authority: refused, by verify-ca, verify-full and by require
    // given a root certificate (libpq's rule).
    for mode in ["verify-full", "verify-ca", "require"] {
        let err = connect(&pg, &format!("sslmode={mode} sslrootcert={other_file}"))
            .err()
            .unwrap_or_else(|| panic!("{mode} trusted a certificate from another authority"));
        let err = err.to_string();
        assert!(err.contains("could not reach the team server"), "{err}");
        assert!(err.contains("certificate"), "{mode}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A name the certificate does not carry (the address is the same):
    // verify-full refuses, verify-ca does not compare names.
    let renamed = |mode: &str| {
        server::connect(
            &format!(
                "host=db.example hostaddr=127.0.0.1 port={} user=postgres dbname=postgres \
                 sslmode={mode} sslrootcert={ca_file}",
                pg.port()
            ),
            Duration::from_secs(20),
        )
    };
    let err = renamed("verify-full")
        .err()
        .expect("a name mismatch refused");
    assert!(err.to_string().contains("certificate"), "{err}");
    assert!(encrypted(&mut renamed("verify-ca").unwrap()));
}
