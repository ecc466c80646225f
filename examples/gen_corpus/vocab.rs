//! The words the catalogue is made of: categories, actives, concerns, names,
//! cautions and instructions.

pub struct CategoryDef {
    pub slug: &'static str,
    pub name: &'static str,
    pub step: &'static str,
    /// Share of products, in percent.
    pub weight: usize,
    pub nouns: &'static [&'static str],
    pub summary: &'static str,
    pub description: &'static str,
    pub traits: &'static [(&'static str, &'static str)],
    pub concentration: &'static [&'static str],
    pub volumes: &'static [f64],
    pub textures: &'static [&'static str],
    pub packaging: &'static [&'static str],
}

pub const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        slug: "serum",
        name: "Serum",
        step: "treat",
        weight: 30,
        nouns: &["Serum", "Booster", "Concentrate", "Drops"],
        summary: "A light, concentrated treatment for everyday use.",
        description: "A serum carries a **useful dose of actives** in a light base that sinks in\nquickly. It sits after cleansing and toning and before moisturizer, and most\nserums are gentle enough to use every day.\n\nPick a serum for the concern that matters most to you and give it a few\nweeks before judging the result.",
        traits: &[
            ("Strength of actives", "Moderate to high"),
            ("Texture", "Watery to gel"),
            ("How often", "Daily, once or twice"),
            ("Where in the routine", "After toner, before moisturizer"),
        ],
        concentration: &["low", "medium", "high"],
        volumes: &[15.0, 30.0, 50.0],
        textures: &["water", "gel", "milky", "oil"],
        packaging: &[
            "Dropper bottle",
            "Pump bottle",
            "Squeeze tube",
            "Airless pump",
        ],
    },
    CategoryDef {
        slug: "ampoule",
        name: "Ampoule",
        step: "treat",
        weight: 20,
        nouns: &["Ampoule", "Ampoules", "Shot", "Vials"],
        summary: "A high-strength treatment in small single doses, used in short bursts.",
        description: "An ampoule is a **serum with the volume turned up**: a denser dose of\nactives, often without fillers or preservatives, sealed into tiny vials.\n\nUse ampoules as a short course or on a spaced-out schedule rather than\nevery day.",
        traits: &[
            ("Strength of actives", "High to very high"),
            ("Fillers and preservatives", "Often left out entirely"),
            ("Packaging", "Tiny single-dose vials"),
            ("How often", "A course of a few days, or about once a week"),
            (
                "Where in the routine",
                "After cleansing, before moisturizer",
            ),
        ],
        concentration: &["high", "very-high"],
        volumes: &[1.0, 1.5, 2.0, 2.5],
        textures: &["water", "gel", "oil"],
        packaging: &[
            "Five single-dose vials",
            "Seven single-dose vials",
            "Single-dose vial",
            "Glass ampoules",
        ],
    },
    CategoryDef {
        slug: "cleanser",
        name: "Cleanser",
        step: "cleanse",
        weight: 12,
        nouns: &["Cleanser", "Wash", "Cleansing Gel", "Cleansing Milk"],
        summary: "The first step, which clears away oil, sunscreen and grime.",
        description: "A cleanser prepares the skin for everything that follows. A gentle\nformula that leaves the face **comfortable, not tight**, keeps the barrier in\ngood shape for the treatment step.",
        traits: &[
            (
                "Job in the routine",
                "Removes sunscreen, makeup, oil and dirt",
            ),
            ("How often", "Morning and evening"),
            ("What to look for", "A formula that leaves skin comfortable"),
        ],
        concentration: &["low"],
        volumes: &[100.0, 150.0, 200.0],
        textures: &["gel", "milky", "oil", "cream"],
        packaging: &["Pump bottle", "Squeeze tube", "Bottle"],
    },
    CategoryDef {
        slug: "toner",
        name: "Toner",
        step: "tone",
        weight: 10,
        nouns: &["Toner", "Essence", "Mist", "Lotion"],
        summary: "A watery layer that rebalances skin after cleansing.",
        description: "A toner adds a **first layer of water** and light actives after\ncleansing, so that what follows spreads evenly.",
        traits: &[
            ("Job in the routine", "Rehydrates and preps the skin"),
            ("How often", "Morning and evening"),
            ("Texture", "Watery"),
        ],
        concentration: &["low", "medium"],
        volumes: &[100.0, 150.0, 200.0],
        textures: &["water", "milky"],
        packaging: &["Bottle", "Spray bottle", "Pump bottle"],
    },
    CategoryDef {
        slug: "moisturizer",
        name: "Moisturizer",
        step: "moisturize",
        weight: 15,
        nouns: &["Cream", "Gel Cream", "Moisturizer", "Balm"],
        summary: "The cream or gel that seals in water and the treatment beneath it.",
        description: "A moisturizer closes the routine before sunscreen. It softens the\nskin, slows water loss and helps **hold the treatment step in place**.",
        traits: &[
            (
                "Job in the routine",
                "Seals in moisture and supports the barrier",
            ),
            ("How often", "Morning and evening"),
            ("Texture", "From light gels to rich creams"),
        ],
        concentration: &["low", "medium"],
        volumes: &[30.0, 50.0, 75.0],
        textures: &["gel", "milky", "cream"],
        packaging: &["Jar", "Airless jar", "Squeeze tube", "Airless pump"],
    },
    CategoryDef {
        slug: "sunscreen",
        name: "Sunscreen",
        step: "protect",
        weight: 13,
        nouns: &[
            "Sunscreen SPF50",
            "Fluid SPF50",
            "Shield SPF30",
            "Sun Milk SPF50",
        ],
        summary: "The last morning step, which protects everything underneath.",
        description: "Sunscreen is the **last step of every morning routine**, and the one\nthat makes strong treatments safe to use.",
        traits: &[
            ("Job in the routine", "Protects from UV light"),
            ("How often", "Every morning, reapplied outdoors"),
            ("Where in the routine", "Always last"),
        ],
        concentration: &["low"],
        volumes: &[30.0, 40.0, 50.0],
        textures: &["milky", "cream", "gel"],
        packaging: &["Squeeze tube", "Pump bottle"],
    },
];

/// Active name, the word used in product names, and related concerns.
pub const ACTIVES: &[(&str, &str, &[usize])] = &[
    ("Hyaluronic acid", "Hyaluronic", &[1, 10]),
    ("Niacinamide", "Niacinamide", &[4, 7, 9]),
    ("Vitamin C", "Vitamin C", &[0, 6]),
    ("Retinal", "Retinal", &[5, 8, 11]),
    ("Retinol", "Retinol", &[5, 8]),
    ("Peptides", "Peptide", &[5, 11]),
    ("Ceramides", "Ceramide", &[3, 10]),
    ("Squalane", "Squalane", &[10, 1]),
    ("Centella asiatica extract", "Centella", &[2, 3]),
    ("Panthenol", "Panthenol", &[3, 1]),
    ("Zinc PCA", "Zinc", &[4, 9]),
    ("Azelaic acid", "Azelaic", &[2, 4, 6]),
    ("Salicylic acid", "Salicylic", &[4, 7]),
    ("Glycolic acid", "Glycolic", &[8, 0]),
    ("Lactic acid", "Lactic", &[8, 0, 10]),
    ("Tranexamic acid", "Tranexamic", &[6, 0]),
    ("Allantoin", "Allantoin", &[3, 2]),
    ("Bakuchiol", "Bakuchiol", &[5, 11]),
    ("Zinc oxide", "Mineral", &[2, 3]),
    ("Glycerin", "Glycerin", &[1, 10]),
];

pub const CONCERNS: &[&str] = &[
    "dullness",
    "dehydration",
    "redness",
    "sensitivity",
    "breakouts",
    "fine lines",
    "dark spots",
    "enlarged pores",
    "uneven texture",
    "oiliness",
    "dryness",
    "loss of firmness",
];

pub const PREFIXES: &[&str] = &[
    "Daily",
    "Deep",
    "Calm",
    "Bright",
    "Pure",
    "Velvet",
    "Cloud",
    "Glow",
    "Quiet",
    "Clear",
    "Soft",
    "Dew",
    "Night",
    "Morning",
    "Intensive",
    "Gentle",
    "Balance",
    "Rescue",
    "Barrier",
    "Silk",
    "Fresh",
    "Smooth",
    "Radiant",
    "Firming",
    "Hydra",
    "Aqua",
    "Renew",
    "Even",
    "Steady",
    "Light",
    "Rich",
    "First",
    "Final",
    "Micro",
    "Meso",
    "Nordic",
    "Alpine",
    "Coastal",
    "Urban",
    "Still",
];

pub const BRAND_A: &[&str] = &[
    "Wren", "Quiet", "Tarn", "Eco", "Lumen", "Aster", "Bram", "Cedar", "Dune", "Fern", "Gale",
    "Haze", "Iris", "Juniper", "Kestrel", "Linden", "Moss", "Nettle", "Oak", "Pebble", "Quill",
    "Rowan", "Sage", "Thistle", "Umber", "Vale", "Willow", "Yarrow", "Zephyr", "Alder",
];
pub const BRAND_B: &[&str] = &[
    "field", "mere", "well", "brook", "stone", "wood", "haven", "ridge", "moor", "glen",
];
pub const BRAND_C: &[&str] = &[
    "Skin",
    "Lab",
    "Botanics",
    "Apothecary",
    "Skincare",
    "Studio",
];

pub const SKIN_TYPES: &[&str] = &["normal", "dry", "oily", "combination", "sensitive"];

pub const CAUTIONS: &[&str] = &[
    "Stop if your skin stings or turns red.",
    "Patch-test first if you react easily.",
    "Wear sunscreen during the day while using it.",
    "Do not combine with other strong acids on the same night.",
    "Avoid the eye area.",
    "Not recommended during pregnancy without advice.",
    "If redness persists for more than a few days, see a dermatologist.",
    "Keep the opened vial in the fridge and finish it within a day.",
];

pub const INSTRUCTIONS: &[&str] = &[
    "Smooth a thin layer over clean skin and let it **settle for a minute** before the next step.",
    "Press two or three drops into the face with your palms; **do not rub**.",
    "Use one vial on clean, dry skin, then follow with a plain moisturizer.",
    "Massage over damp skin for thirty seconds and rinse with **lukewarm water**.",
    "Sweep over the face with your hands or a cotton pad after cleansing.",
    "Apply a generous layer, about **two finger lengths**, as the last step of the morning.",
    "Warm a small amount between your fingers and pat it over face and neck.",
    "Start every other evening for the first week, then build up as your skin allows.",
];

pub const AUTHORS: &[&str] = &[
    "The editors",
    "Mira Okafor",
    "Jonas Lind",
    "Ana Ribeiro",
    "Sam Keller",
];

/// Section headings of the guides.
pub const HEADINGS: &[&str] = &[
    "Why it matters",
    "What to look for",
    "How often",
    "Where it goes in the routine",
    "Getting started",
    "Common mistakes",
    "Combining products",
    "When to stop",
    "What the research says",
    "Adjusting over time",
    "Morning and evening",
    "Products worth a look",
];

/// A markdown table of the routine's steps, in guides: header and rows.
pub const ROUTINE_HEADER: &str = "| Step | What it does | How often |\n|---|---|---|\n";
pub const ROUTINE_ROWS: &[(&str, &str, &str)] = &[
    (
        "Cleanse",
        "Clears away oil and sunscreen",
        "Morning and evening",
    ),
    ("Tone", "Adds a first layer of water", "Morning and evening"),
    ("Treat", "Targets one concern", "Daily or in short courses"),
    ("Moisturize", "Seals everything in", "Morning and evening"),
    ("Protect", "Blocks UV light", "Every morning"),
];

/// The categories of the `long` shape (indices into `CATEGORIES`): four,
/// like the independent corpus; serum and ampoule stay for the
/// `compare: [serum, ampoule]` page.
pub const LONG_CATEGORIES: &[usize] = &[0, 1, 2, 4];

/// Every category: the `classic` shape.
pub const ALL_CATEGORIES: &[usize] = &[0, 1, 2, 3, 4, 5];

pub const SEASONS: &[&str] = &["winter", "summer", "travel", "city", "spring"];
