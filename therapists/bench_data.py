"""What the directory benchmark (`make bench-directory`) combines into tens of thousands of
invented profiles: the name lists and statement fragments the demo used before its profiles
were written by hand (therapists/demo_profiles.toml). The benchmark keeps them so that its
result-set sizes, and so its figures in docs/performance.md, stay comparable from run to run."""

FIRST_NAMES = {
    "female": ["Maren", "Talia", "Ines", "Priya", "Noor", "Colette", "Wren", "Dalia", "Yuki"],
    "male": ["Tobias", "Rafael", "Desmond", "Anders", "Kofi", "Emil", "Joaquin", "Hollis"],
    "non-binary": ["Sage", "Rowan", "Ellis", "Quinn"],
}
LAST_NAMES = [
    "Abernathy",
    "Castellanos",
    "Dunmore",
    "Ferrante",
    "Galloway",
    "Halvorsen",
    "Ibarra",
    "Kettering",
    "Lindqvist",
    "Marchetti",
    "Nakashima",
    "Okonkwo",
    "Pellegrino",
    "Quintero",
    "Rasmussen",
    "Sorensen",
    "Thibodeaux",
    "Vanterpool",
    "Whitcombe",
    "Yarborough",
]
OPENINGS = [
    "You do not have to have the right words before we start.",
    "Therapy works best when it fits your life, not the other way round.",
    "Change rarely happens all at once; it happens in small, steady steps.",
    "Many people come to me when what used to work has stopped working.",
    "I offer a calm, practical space to make sense of what is happening.",
]
PROMISES = [
    "Together we will look at what keeps you stuck and try concrete ways forward.",
    "We will set goals together and check regularly that therapy is helping.",
    "I combine warmth with structure, and I will be honest with you about progress.",
    "My aim is that you leave each session with something you can use.",
]
