//! The kinds of problem, each with a stable name that editors and CI match
//! on, whatever the words of a message, and what the book says of it (what
//! it means, how to fix it). The list grows with every new check, so it
//! stands apart from how a diagnostic is made and shown; the book's error
//! chapter is written from it, so the two cannot drift.

use std::fmt;

/// What kind of problem a diagnostic reports: a stable name that editors and
/// CI can match on, whatever the wording of the message. [`Code::about`]
/// says what each one means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    YamlSyntax,
    DuplicateKey,
    UnknownField,
    MissingField,
    WrongType,
    InvalidValue,
    TooLarge,
    FrontMatter,
    FileName,
    DuplicateSlug,
    UnknownCategory,
    UnknownStep,
    UnknownSpec,
    UnknownProduct,
    UnknownTheme,
    UnknownGroup,
    UnknownTerm,
    UndeclaredTerm,
    SimilarTerm,
    Frequency,
    Position,
    BrokenLink,
    UnusedDescription,
    Template,
    OutputInSources,
    OutputNotOurs,
    OutputConflict,
    NoSite,
    MissingString,
    UnknownString,
    PlaceholderUrl,
    DeadLink,
    ShadowedFile,
    InvalidAlias,
    AliasClash,
    RedirectsFile,
    ImageNotFound,
    ImageUnreadable,
    ImageTooLarge,
    Io,
    LinkOutside,
    UntranslatedLabel,
    Untranslated,
    PartialTranslation,
    OutdatedTranslation,
    NoDisclosure,
    AddressTaken,
    UnknownPage,
    RenamedPage,
}

/// A code as the book explains it.
pub struct About {
    /// The stable name (`unknown-category`).
    pub name: &'static str,
    /// What the problem is, in a content editor's words.
    pub meaning: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

impl Code {
    /// Every code, in the order the book lists them.
    pub const ALL: &[Code] = &[
        Code::YamlSyntax,
        Code::DuplicateKey,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongType,
        Code::InvalidValue,
        Code::TooLarge,
        Code::FrontMatter,
        Code::FileName,
        Code::DuplicateSlug,
        Code::UnknownCategory,
        Code::UnknownStep,
        Code::UnknownSpec,
        Code::UnknownProduct,
        Code::UnknownTheme,
        Code::UnknownGroup,
        Code::UnknownTerm,
        Code::UndeclaredTerm,
        Code::SimilarTerm,
        Code::Frequency,
        Code::Position,
        Code::BrokenLink,
        Code::UnusedDescription,
        Code::Template,
        Code::OutputInSources,
        Code::OutputNotOurs,
        Code::OutputConflict,
        Code::NoSite,
        Code::MissingString,
        Code::UnknownString,
        Code::PlaceholderUrl,
        Code::DeadLink,
        Code::ShadowedFile,
        Code::InvalidAlias,
        Code::AliasClash,
        Code::RedirectsFile,
        Code::ImageNotFound,
        Code::ImageUnreadable,
        Code::ImageTooLarge,
        Code::Io,
        Code::LinkOutside,
        Code::UntranslatedLabel,
        Code::Untranslated,
        Code::PartialTranslation,
        Code::OutdatedTranslation,
        Code::NoDisclosure,
        Code::AddressTaken,
        Code::UnknownPage,
        Code::RenamedPage,
    ];

    pub fn as_str(self) -> &'static str {
        self.about().name
    }

    /// The code's name, what it means and how to fix it.
    pub fn about(self) -> About {
        let (name, meaning, fix) = match self {
            Code::YamlSyntax => (
                "yaml-syntax",
                "The file is not YAML vial can read: a tab in the indentation, a line indented differently from its neighbours, a text holding `: ` without quotes, an unclosed bracket or quote.",
                "Read the line the message points at: indent with spaces, put a text holding `: ` or starting with `[`, `{`, `*`, `&` or `#` in quotes, close what is open.",
            ),
            Code::DuplicateKey => (
                "duplicate-key",
                "A field is written twice in the same group, so one of the two values would be lost.",
                "Keep one of the two lines the message names.",
            ),
            Code::UnknownField => (
                "unknown-field",
                "A field vial does not know in this kind of file: usually a misspelling, or a field indented under the wrong parent.",
                "Use the name the message suggests, or move the field to where it belongs; `vial schema` gives your editor the list of fields.",
            ),
            Code::MissingField => (
                "missing-field",
                "A field this kind of file needs is not there (or sits at the wrong indentation, outside its group).",
                "Add the field; if it is there, indent it under the group the message names.",
            ),
            Code::WrongType => (
                "wrong-type",
                "A value of the wrong kind: one value where a list belongs, a list where one value belongs, text where a number belongs.",
                "Write the value in the form the help shows (`time: [pm]`, `percent: 0.9`).",
            ),
            Code::InvalidValue => (
                "invalid-value",
                "A value outside what the field allows: an enum value the site does not declare, a date that is not a date, a URL without a scheme, an embedded block that cannot be read.",
                "Use one of the values the message lists, or declare the new value in site.yaml.",
            ),
            Code::TooLarge => (
                "too-large",
                "A file, a value or a name is larger than vial reads (a YAML file that expands to too many values, a term too long to be a file name).",
                "Shorten or split it as the help says; the limits on files are set in `limits:` of site.yaml.",
            ),
            Code::FrontMatter => (
                "front-matter",
                "A guide's or page's front matter (the YAML between the `---` lines at its top) is missing or not closed.",
                "Start the file with a `---` line, then the fields, then another `---` line.",
            ),
            Code::FileName => (
                "file-name",
                "A content file's name is not a slug (lowercase letters, digits and dashes), and the name is its address.",
                "Rename the file to the slug the message suggests.",
            ),
            Code::DuplicateSlug => (
                "duplicate-slug",
                "Two files, or two ways of writing one term, would be published at the same address.",
                "Rename one of the two files, or write the term the same way everywhere.",
            ),
            Code::UnknownCategory => (
                "unknown-category",
                "A product names a category that has no file in `content/categories/`.",
                "Fix the spelling, or add `content/categories/<name>.yaml`.",
            ),
            Code::UnknownStep => (
                "unknown-step",
                "A product's `usage: step` is not one of the `usage: steps` of site.yaml.",
                "Use a declared step, or add it to `usage: steps`.",
            ),
            Code::UnknownSpec => (
                "unknown-spec",
                "A product has a spec that site.yaml does not declare under `specs:`.",
                "Fix the spelling, or declare the spec (its label, type and unit) in site.yaml.",
            ),
            Code::UnknownProduct => (
                "unknown-product",
                "A guide's `products:` list names a product that has no file.",
                "Use the product's file name (without `.yaml`).",
            ),
            Code::UnknownTheme => (
                "unknown-theme",
                "`theme:` in site.yaml names a theme that is neither built in nor a folder in `themes/`.",
                "Use `default`, or the name of a folder in `themes/`.",
            ),
            Code::UnknownGroup => (
                "unknown-group",
                "A routine rule names a group that `routine: groups` does not declare.",
                "Declare the group, or fix the rule's spelling.",
            ),
            Code::UnknownTerm => (
                "unknown-term",
                "A routine group names a term no product carries, so the group is empty (a warning).",
                "Fix the term's spelling, or remove it from the group.",
            ),
            Code::UndeclaredTerm => (
                "undeclared-term",
                "A product or guide names a term of a taxonomy declared `closed: true` that has no description file: the list of its terms does not have it.",
                "Fix the term's spelling as the help suggests, or add the term to the list with a file `content/<taxonomy>/<slug>.yaml`.",
            ),
            Code::SimilarTerm => (
                "similar-term",
                "A term used on one product or guide only is a letter or a plural away from another term (`Spider mite` beside `Spider mites`), so it likely makes a page of its own by mistake (a warning).",
                "Spell it as the other term; if it is a term of its own, give it a description file `content/<taxonomy>/<slug>.yaml`.",
            ),
            Code::Frequency => (
                "frequency",
                "A product's `usage: frequency` is not a schedule vial can read.",
                "Write it in one of the forms the help lists (see the schedules chapter), or declare the event or measure it counts in.",
            ),
            Code::Position => (
                "position",
                "A product's `usage: position` is not `first`, `last`, `after <step>` or `before <step>`.",
                "Write one of these four forms, with a step site.yaml declares.",
            ),
            Code::BrokenLink => (
                "broken-link",
                "A `[[link]]` in a guide or description names nothing on the site.",
                "Use the name the message suggests: a product's, category's, guide's or term's file name.",
            ),
            Code::UnusedDescription => (
                "unused-description",
                "A term's description file describes a term no product or guide uses, so no page shows it (a warning).",
                "Fix the file name to match the term, or delete the file.",
            ),
            Code::Template => (
                "template",
                "A template of the theme cannot be read or fails while a page is rendered.",
                "Fix the template at the line the message names; the names a template can use are in the pages chapter.",
            ),
            Code::OutputInSources => (
                "output-in-sources",
                "The output folder is, holds or lies inside one of the site's source folders, so a build would overwrite your files.",
                "Choose another `output` in site.yaml (or `--output`).",
            ),
            Code::OutputNotOurs => (
                "output-not-ours",
                "The output folder exists and vial cannot tell it wrote it, so it will not replace or delete anything in it.",
                "Choose an empty or new folder, or pass `--force` if everything in the folder may be replaced or deleted.",
            ),
            Code::OutputConflict => (
                "output-conflict",
                "A file vial did not write, or that changed since it wrote it, stands where a page must go.",
                "Move the file away, or pass `--force` to replace it.",
            ),
            Code::NoSite => (
                "no-site",
                "The folder has no site.yaml, so it is not a vial site.",
                "Run vial in the site's folder, pass `--root`, or create a site with `vial init`.",
            ),
            Code::MissingString => (
                "missing-string",
                "A template asks for a UI string that neither the site's nor the theme's strings file has.",
                "Add the string to `i18n/<language>.yaml`.",
            ),
            Code::UnknownString => (
                "unknown-string",
                "The site's strings file sets a key that no template reads and that is a letter or two from one the theme has: most likely misspelt, so the theme's text shows instead (a warning).",
                "Spell the key as the help suggests; the theme's `i18n/<language>.yaml` lists every key.",
            ),
            Code::PlaceholderUrl => (
                "placeholder-url",
                "`base_url` is still a placeholder such as example.org, so feeds, the sitemap and share data would point elsewhere (a warning).",
                "Set `base_url` to the address the site will be published at, or pass `--base-url`.",
            ),
            Code::DeadLink => (
                "dead-link",
                "A written page links to a file or an anchor that the site does not have.",
                "Fix the link in the file the message names (a markdown link, an image, a template).",
            ),
            Code::ShadowedFile => (
                "shadowed-file",
                "A static file has the address of a page vial writes, so the page wins and the file is not published.",
                "Rename or move the static file.",
            ),
            Code::InvalidAlias => (
                "invalid-alias",
                "An entry of `aliases:` cannot be an old address of this site: it is empty, names another site (`https://…`), goes up a folder (`..`), carries a `?` or `#` part, holds a character no address of the site has, or points into vial's own files.",
                "Write the old address as a path of this site, as `/products/old-name/` or `products/old-name/`.",
            ),
            Code::AliasClash => (
                "alias-clash",
                "An alias names the address of a page the site publishes, another alias, or a static file: a redirect there would replace it.",
                "Remove the alias, or the alias or file it clashes with; to move a live page, rename its file and keep its old address as the alias.",
            ),
            Code::RedirectsFile => (
                "redirects-file",
                "A problem with the `_redirects` file `redirects:` writes: the site's static files hold a `_redirects` of their own, or there are more redirects than the host reads (a warning).",
                "Keep one `_redirects`: remove `redirects:` from site.yaml to publish your own file, or delete `static/_redirects` to let vial write it.",
            ),
            Code::ImageNotFound => (
                "image-not-found",
                "A content file names an image that is not there.",
                "Fix the path (it is relative to the folder of the file that names it), or add the image.",
            ),
            Code::ImageUnreadable => (
                "image-unreadable",
                "An image cannot be read or decoded: the file is damaged or is not the format its name says.",
                "Save the image again as JPEG, PNG or WebP.",
            ),
            Code::ImageTooLarge => (
                "image-too-large",
                "An image is so large that it slows every cold build (a warning).",
                "Scale it down before adding it; vial makes the sizes pages need from it.",
            ),
            Code::Io => (
                "io",
                "Reading or writing a file failed: permissions, a full disk, a name too long for the file system.",
                "Follow the help: it names the file and what the system said.",
            ),
            Code::LinkOutside => (
                "link-outside",
                "A symbolic link among the sources leads out of the site folder, so vial does not follow it.",
                "Copy the file into the site instead of linking to it.",
            ),
            Code::UntranslatedLabel => (
                "untranslated-label",
                "On a site in several languages, words site.yaml declares (a step's label, a reminder, a rule's message) have no form in one of the languages, so its pages show them in the default language (a warning).",
                "Write them as their forms by language, as `label: {en: Repot, de: Umtopfen}`.",
            ),
            Code::Untranslated => (
                "untranslated",
                "Some products, categories, terms or guides have no translation file in one of the site's other languages, so that language shows them in the default language's words (a warning, one per language, counting them).",
                "Add a translation beside each original, named after it with the language's code before the extension (`content/products/<slug>.<code>.yaml`, `content/guides/<slug>.<code>.md`); the help names a few that are missing.",
            ),
            Code::PartialTranslation => (
                "partial-translation",
                "A translation file leaves out a text its original has (a summary, a description, usage instructions…), so that text shows in the default language's words (a warning).",
                "Translate the fields the message lists in the translation file.",
            ),
            Code::OutdatedTranslation => (
                "outdated-translation",
                "A translated field's original text changed after the translation file was last saved, so the translation may no longer say what the original says (a warning). vial tells from a record in the site's `.vial/` folder: a checkout without it has nothing outdated.",
                "Update the translation of the field the message points at, then save the file; if the translation still holds, change anything in the file (a comment will do).",
            ),
            Code::NoDisclosure => (
                "no-disclosure",
                "A product links to a shop with `sponsored: true` (the site earns from the link), and site.yaml does not say in its own words how it earns from such links (a warning). Readers must be told; until the site says it, the theme shows its short default beside the links.",
                "Declare the words under `links: disclosure:` in site.yaml, in each of the site's languages; they may link to a page that says more.",
            ),
            Code::AddressTaken => (
                "address-taken",
                "A page in `content/pages/` would be published at an address the site already uses: a list vial makes (`products/`, `guides/`...), a taxonomy's pages, a language's folder (`de/`) or a static file.",
                "Rename the page's file (or the folder it is in): its path below `content/pages/` is its address.",
            ),
            Code::UnknownPage => (
                "unknown-page",
                "A menu in site.yaml names a page that is not in `content/pages/`.",
                "Write the page's path below `content/pages/` without `.md` (`about`, `help/contact`), or add the page.",
            ),
            Code::RenamedPage => (
                "renamed-page",
                "A content file was renamed (or moved) since the last build, so its page has a new address. vial noticed it from a record in the site's `.vial/` folder and writes a redirect from the old address, but a build without that record (a fresh checkout, CI) would not (a warning).",
                "Add the old address to the file's `aliases:`, as the message shows: the redirect is then written by every build, and the warning goes.",
            ),
        };
        About { name, meaning, fix }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
