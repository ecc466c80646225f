//! The kinds of problem, each with a stable name that editors and CI match
//! on, whatever the words of a message. The list grows with every new
//! check, so it stands apart from how a diagnostic is made and shown.

use std::fmt;

/// What kind of problem a diagnostic reports: a stable name that editors and
/// CI can match on, whatever the wording of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The YAML itself cannot be read.
    YamlSyntax,
    /// A key written twice in one group.
    DuplicateKey,
    UnknownField,
    MissingField,
    /// A value of the wrong kind (a list for text, text for a number).
    WrongType,
    /// A value outside its allowed set or range.
    InvalidValue,
    /// The file holds more than vial reads from one file.
    TooLarge,
    FrontMatter,
    FileName,
    DuplicateSlug,
    UnknownCategory,
    UnknownStep,
    UnknownSpec,
    UnknownProduct,
    UnknownTheme,
    /// A routine rule names a group that is not declared.
    UnknownGroup,
    /// A routine group names a term that no product carries (a warning).
    UnknownTerm,
    Frequency,
    Position,
    BrokenLink,
    EmbeddedBlock,
    UnusedDescription,
    Template,
    /// The output folder is, holds or lies inside the site's sources.
    OutputInSources,
    /// The output folder exists and is not one vial wrote.
    OutputNotOurs,
    /// A file vial did not write stands where it must write one.
    OutputConflict,
    /// The site folder has no site.yaml.
    NoSite,
    /// A UI string no strings file has.
    MissingString,
    /// `base_url` is still a placeholder such as example.org.
    PlaceholderUrl,
    /// A written page links to a file or anchor that is not there.
    DeadLink,
    /// A static file has the path of a page vial writes, which wins.
    ShadowedFile,
    /// An image a content file names is not there.
    ImageNotFound,
    /// An image file that cannot be read or decoded.
    ImageUnreadable,
    /// An image so large it slows every cold build (a warning).
    ImageTooLarge,
    /// Reading or writing a file failed.
    Io,
    /// A symbolic link among the sources leads out of the site folder.
    LinkOutside,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::TooLarge => "too-large",
            Code::FrontMatter => "front-matter",
            Code::FileName => "file-name",
            Code::DuplicateSlug => "duplicate-slug",
            Code::UnknownCategory => "unknown-category",
            Code::UnknownStep => "unknown-step",
            Code::UnknownSpec => "unknown-spec",
            Code::UnknownProduct => "unknown-product",
            Code::UnknownTheme => "unknown-theme",
            Code::UnknownGroup => "unknown-group",
            Code::UnknownTerm => "unknown-term",
            Code::Frequency => "frequency",
            Code::Position => "position",
            Code::BrokenLink => "broken-link",
            Code::EmbeddedBlock => "embedded-block",
            Code::UnusedDescription => "unused-description",
            Code::Template => "template",
            Code::OutputInSources => "output-in-sources",
            Code::OutputNotOurs => "output-not-ours",
            Code::OutputConflict => "output-conflict",
            Code::NoSite => "no-site",
            Code::MissingString => "missing-string",
            Code::PlaceholderUrl => "placeholder-url",
            Code::DeadLink => "dead-link",
            Code::ShadowedFile => "shadowed-file",
            Code::ImageNotFound => "image-not-found",
            Code::ImageUnreadable => "image-unreadable",
            Code::ImageTooLarge => "image-too-large",
            Code::LinkOutside => "link-outside",
            Code::Io => "io",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
