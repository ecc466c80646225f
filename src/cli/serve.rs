//! `vial serve`: the preview, with the allocator told to keep what it frees.

use std::process::ExitCode;
use std::time::Duration;

use vial_build::BuildOptions;
use vial_serve::{DEFAULT_PORT, ServeOptions, Server};

use super::args::ServeArgs;

pub fn serve(args: ServeArgs) -> ExitCode {
    super::process::keep_freed_memory();
    let options = ServeOptions {
        build: BuildOptions {
            root: args.root,
            drafts: args.drafts,
            force: args.force,
            plain_asset_names: true,
            ..BuildOptions::default()
        },
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll.map(|ms| Duration::from_millis(ms.max(1))),
        timings: args.timings,
    };
    let asked_port = options.port;
    let served = Server::bind(options).and_then(|server| {
        if asked_port.is_none() && server.address().port() != DEFAULT_PORT {
            println!(
                "port {DEFAULT_PORT} is in use; using {}",
                server.address().port()
            );
        }
        println!("serving at {}  (Ctrl-C to stop)", server.url());
        server.run()
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
