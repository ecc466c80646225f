//! What the last build into an output folder left for the next (its memo,
//! `memo`): the pages that read nothing that changed since need not be
//! rendered again.

use vial_output::{self as output, Output};
use vial_render::PageKind;
use vial_site::config::Config;
use vial_site::link::Links;
use vial_site::load::Sources;
use vial_site::model::Site;

use crate::memo;

/// What the last build into the output folder left for this one, and the
/// pages it spares this one (`incremental::memo`).
pub struct Recall {
    key: u64,
    /// The site's fingerprints, when the last build's memo needed them to
    /// choose the pages; otherwise they are made while the pages render.
    now: Option<memo::Fingerprints>,
    last: Option<memo::Memo>,
    pub choice: memo::Choice,
    /// Whether the build leaves a memo for the next.
    remembers: bool,
}

impl Recall {
    pub fn new(
        config: &Config,
        sources: &Sources,
        drafts: bool,
        site: &Site,
        links: &Links,
        plan: &[PageKind],
    ) -> Recall {
        let key = memo::site_key(config, sources, drafts);
        let last = memo::Memo::read(&output::Place::of(&config.root, &config.output_dir), key);
        let Some(memo) = last.as_ref() else {
            return Recall {
                key,
                now: None,
                last,
                choice: memo::Choice::everything(plan),
                remembers: true,
            };
        };
        let (now, paths) = rayon::join(
            || memo::Fingerprints::of(site, links),
            || {
                use rayon::prelude::*;
                plan.par_iter()
                    .map(|kind| vial_render::page_file(kind, config))
                    .collect::<Vec<String>>()
            },
        );
        let choice = memo::choose(memo, &now, plan, &paths);
        Recall {
            key,
            now: Some(now),
            last,
            choice,
            remembers: true,
        }
    }

    /// No memo, for a site in several languages: every page is rendered,
    /// and the build leaves no memo (what a memo records of the pages'
    /// reads knows the default language's model only). A memo of an
    /// earlier build is not read again: it saw another manifest.
    pub fn off(plan: &[PageKind]) -> Recall {
        Recall {
            key: 0,
            now: None,
            last: None,
            choice: memo::Choice::everything(plan),
            remembers: false,
        }
    }

    /// The site's fingerprints, if `new` did not make them.
    pub fn fingerprints(&self, site: &Site, links: &Links) -> Option<memo::Fingerprints> {
        (self.remembers && self.now.is_none()).then(|| memo::Fingerprints::of(site, links))
    }

    /// Stores the memo of the build just committed into `output`: the
    /// pages `rendered` with what they read, and those `reused`; `made`
    /// are the fingerprints `fingerprints` made.
    pub fn remember(
        &self,
        output: &Output,
        made: Option<memo::Fingerprints>,
        known: &memo::Known,
        rendered: &[memo::PageRead],
        reused: &[String],
    ) {
        // Nothing rendered, of content the last memo describes, into the
        // output it describes: the memo made would be that one again.
        let unchanged = rendered.is_empty() && self.choice.content_unchanged;
        if unchanged
            && self
                .last
                .as_ref()
                .is_some_and(|m| m.describes(output.place()))
        {
            return;
        }
        let Some(now) = self.now.as_ref().or(made.as_ref()) else {
            return;
        };
        let parts = memo::Parts {
            key: self.key,
            now,
            last: self.last.as_ref(),
            known,
            rendered,
            kept: reused,
        };
        let bytes = memo::make(output.place(), parts);
        if bytes.is_empty() {
            return;
        }
        // A build that changed nothing finds the same memo in place, and
        // leaves the folder as it was.
        if !memo::same(self.last.as_ref(), &bytes) || !output.place().file(output::MEMO).exists() {
            output.store_memo(&bytes);
        }
    }
}
