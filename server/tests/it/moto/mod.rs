//! moto's server on loopback (scripts/moto-server.py), standing in for DynamoDB: the endpoint in
//! `SEISIUN_MOTO_ENDPOINT` when scripts/test started one, else one started here on a free
//! port for this test binary, which dies with the test process.
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static ENDPOINT: OnceLock<String> = OnceLock::new();

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> String {
    if let Ok(endpoint) = std::env::var("SEISIUN_MOTO_ENDPOINT") {
        return endpoint;
    }
    let port = free_port();
    // PR_SET_PDEATHSIG fires when the spawning *thread* ends, so spawn from a thread that
    // lives as long as the test process, waiting on moto.
    let (spawned, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // One request at a time: see scripts/moto-server.py.
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/moto-server.py");
        let mut command = Command::new("python3");
        command
            .args([script, &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: prctl in the child before exec; the kernel stops moto when we exit.
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        match command.spawn() {
            Ok(mut child) => {
                spawned.send(Ok(())).unwrap();
                let _ = child.wait();
            }
            Err(err) => spawned.send(Err(err)).unwrap(),
        }
    });
    started.recv().unwrap().unwrap_or_else(|err| {
        panic!("cannot start scripts/moto-server.py ({err}): run scripts/bootstrap, or set SEISIUN_MOTO_ENDPOINT")
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not start within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    format!("http://127.0.0.1:{port}")
}

pub fn endpoint() -> &'static str {
    ENDPOINT.get_or_init(start)
}

/// Credentials and region moto accepts; never real ones.
pub fn fake_aws_environment() {
    static SET: OnceLock<()> = OnceLock::new();
    SET.get_or_init(|| {
        // SAFETY: set once, before any test thread reads the environment through the SDK.
        unsafe {
            std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
            std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing");
            std::env::set_var("AWS_REGION", "eu-west-1");
            std::env::remove_var("AWS_PROFILE");
        }
    });
}
