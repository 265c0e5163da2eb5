"""A generated corpus for the scale benchmarks: election and recognition articles of 300-600 words.

    .venv/bin/python benchmarks/synthetic_corpus.py OUT_DIR [--documents 1000] [--seed 1]

Each article is a Markdown file with front matter, about one polity and one year: results of
a presidential or parliamentary election (shares, runoffs, turnout), who leads which party,
who backs whom, offices held, and which states recognise the polity or refuse to, in varied
wording, padded with the background sentences news carries. Persons and parties recur across
articles with Zipf-like popularity (a few are everywhere, most appear once or twice), so
resolution has real work. About 1% of the files are bad (broken front matter, invalid UTF-8,
an empty file): the build reports them and goes on. The same --seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

POLITIES = [
    ("Abkhazia", "Sukhumi", "Georgia"),
    ("South Ossetia", "Tskhinvali", "Georgia"),
    ("Transnistria", "Tiraspol", "Moldova"),
    ("Kosovo", "Pristina", "Serbia"),
    ("Northern Cyprus", "Nicosia", "Cyprus"),
    ("Somaliland", "Hargeisa", "Somalia"),
    ("Taiwan", "Taipei", "China"),
    ("Western Sahara", "Laayoune", "Morocco"),
    ("Nagorno-Karabakh", "Stepanakert", "Azerbaijan"),
]
RECOGNISERS = [
    "Russia", "Nicaragua", "Venezuela", "Syria", "Nauru", "Vanuatu", "Tuvalu", "the United States",
    "France", "Germany", "Turkey", "Albania", "Japan", "Brazil", "India", "Spain", "Greece", "Romania",
    "Slovakia", "Paraguay", "Guatemala", "Haiti", "Belize", "Palau",
]  # fmt: skip
GIVEN = [
    "Aslan", "Bakur", "Dmitry", "Eduard", "Gennady", "Inal", "Leonid", "Mikhail", "Oleg", "Ruslan",
    "Sergei", "Tamaz", "Vadim", "Zurab", "Alla", "Irina", "Marina", "Nadezhda", "Svetlana", "Vadim",
    "Hashim", "Albin", "Ramush", "Mustafa", "Ersin", "Tufan", "Muse", "Abdirahman", "Lai", "Hou",
    "Ko", "Arayik", "Bako", "Samvel", "Vitaly", "Vadim", "Yevgeny", "Igor", "Andrei", "Pavel",
]  # fmt: skip
SURNAMES = [
    "Ardzinba", "Bagapsh", "Gitsba", "Kvitsinia", "Lakoba", "Tarba", "Kokoev", "Tibilov", "Dzhioev",
    "Kulumbegov", "Gagiev", "Bekoev", "Krasnoselsky", "Shevchuk", "Smirnov", "Ignatyev", "Kaminski",
    "Thaci", "Kurti", "Haradinaj", "Osmani", "Akinci", "Tatar", "Erhurman", "Bihi", "Cirro", "Silanyo",
    "Ching-te", "Yu-ih", "Wen-je", "Harutyunyan", "Sahakyan", "Ghukasyan", "Babayan", "Mamedov",
    "Valiev", "Bzhania", "Ankvab", "Khajimba", "Tskhovrebov", "Valikov", "Pliev", "Tedeev", "Sanakoev",
]  # fmt: skip
PARTY_WORDS = [
    ("Unity", "Party"), ("Renewal", "Movement"), ("Justice", "Party"), ("People's", "Party"),
    ("Democratic", "Union"), ("Homeland", "Front"), ("Freedom", "Alliance"), ("Progress", "Party"),
    ("National", "Forum"), ("Patriotic", "Union"), ("Solidarity", "Movement"), ("Citizens'", "Party"),
]  # fmt: skip
PUBLISHERS = ["Caucasus Wire", "Balkan Monitor", "Horn Review", "Strait Times Desk", "Regional Post"]
BACKGROUND = [
    "Prices for bread and fuel rose sharply over the winter, and many families depend on money sent home by relatives.",
    "The road to the capital was closed for repairs for most of the autumn, residents said.",
    "Observers from several organisations were present at polling stations, though access was limited.",
    "The territory relies heavily on subsidies, which make up a large part of its budget.",
    "Analysts said the campaign was dominated by questions of pensions, roads and the border.",
    "Local television gave most of its airtime to the authorities, opposition activists complained.",
    "Hundreds of people gathered in the central square on Sunday evening.",
    "The central election commission said it had received a number of complaints, none of them serious.",
    "Turnout in rural districts was lower than in the towns, officials said.",
    "The region has a population of a few hundred thousand people, many of them elderly.",
    "Talks on the status of the territory have been frozen for years.",
    "A new hospital and a school were opened in the weeks before the vote.",
    "Several candidates complained that they had not been allowed to register.",
    "Most shops in the centre stayed open on election day, and the mood was calm.",
]


@dataclass(frozen=True)
class Cast:
    persons: list[str]
    parties: list[str]
    weights: list[float]


def cast(rng: random.Random, documents: int) -> Cast:
    """Persons and parties for the whole corpus; popularity falls as 1/rank (Zipf)."""
    size = max(60, documents // 3)
    names = sorted({f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}" for _ in range(size * 2)})
    rng.shuffle(names)
    persons = names[:size]
    parties = [f"{adjective} {noun}" for adjective, noun in PARTY_WORDS]
    return Cast(persons, parties, [1 / (rank + 1) for rank in range(len(persons))])


def article(rng: random.Random, people: Cast, number: int) -> tuple[str, str]:
    polity, capital, parent = rng.choice(POLITIES)
    year = rng.randint(2004, 2025)
    kind = rng.choice(["presidential", "parliamentary"])
    candidates = list(dict.fromkeys(rng.choices(people.persons, weights=people.weights, k=6)))[:4]
    while len(candidates) < 2:
        candidates.append(rng.choice(people.persons))
    weights = [rng.uniform(0.2, 1) ** 2 for _ in candidates]
    counted = rng.uniform(85, 98)  # the rest: minor candidates and spoilt ballots
    shares = sorted((round(counted * w / sum(weights), 1) for w in weights), reverse=True)
    parties = rng.sample(people.parties, len(candidates))
    leader, speaker = rng.choice(people.persons), rng.choice(people.persons)
    sentences = [
        f"Voters in {polity} went to the polls on Sunday in a {kind} election that {parent} calls illegal.",
        f"{candidates[0]}, the leader of the {parties[0]}, won {shares[0]} percent of the vote, "
        f"according to preliminary results from the central election commission.",
        rng.choice(
            [
                f"His main rival, {candidates[1]}, received {shares[1]} percent.",
                f"{candidates[1]} of the {parties[1]} came second with {shares[1]}%.",
                f"{candidates[1]} trailed with {shares[1]} percent of the ballots.",
            ]
        ),
    ]
    if len(candidates) > 2:
        sentences.append(f"{candidates[2]} finished third with {shares[2]} percent.")
    if shares[0] < 50:
        sentences.append(f"{candidates[0]} and {candidates[1]} will face each other in a runoff in two weeks.")
    sentences += [
        f"Turnout was {round(rng.uniform(40, 80), 1)} percent, the commission said.",
        rng.choice(
            [
                f"{leader}, the outgoing president of {polity}, endorsed {candidates[0]} last month.",
                f"{candidates[-1]} urged supporters to back {candidates[0]} in the second round.",
                f"The {parties[1]} said it would back {candidates[1]}.",
            ]
        ),
        rng.choice(
            [
                f"{speaker} was appointed prime minister of {polity} in {year - rng.randint(1, 6)}.",
                f"{speaker}, the speaker of the parliament of {polity}, said the vote was fair.",
                f"Former foreign minister {speaker} did not take part in the race.",
            ]
        ),
        f"{polity} declared independence from {parent}, but only a handful of states recognise it.",
        rng.choice(
            [
                f"{rng.choice(RECOGNISERS)} recognised {polity} in {rng.randint(1991, 2020)}, "
                f"followed by {rng.choice(RECOGNISERS)} a year later.",
                f"{rng.choice(RECOGNISERS)} does not recognise {polity} and considers it part of {parent}.",
                f"{rng.choice(RECOGNISERS)} withdrew its recognition of {polity} in {rng.randint(2000, 2024)}.",
            ]
        ),
        f'"We will respect the choice of the people," {candidates[1]} told reporters in {capital}.',
    ]
    body = sentences + rng.sample(BACKGROUND, rng.randint(6, 10))
    tail = body[3:]
    rng.shuffle(tail)
    body = body[:3] + tail
    while len(" ".join(body).split()) < rng.randint(300, 600):
        body.append(rng.choice(BACKGROUND))
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    front = (
        f"---\nid: synthetic-{number:06d}\ntitle: {candidates[0]} leads {polity} vote\n"
        f"published: {date}\npublisher: {rng.choice(PUBLISHERS)}\n---\n"
    )
    return f"synthetic-{number:06d}.md", front + "\n\n".join(paragraphs) + "\n"


def bad_file(rng: random.Random, number: int) -> tuple[str, bytes]:
    kind = number % 3
    if kind == 0:
        return f"bad-{number:06d}.md", b"---\npublished: [2019\ntitle: broken front matter\n---\nText.\n"
    if kind == 1:
        return f"bad-{number:06d}.txt", bytes(rng.randrange(128, 256) for _ in range(200))
    return f"bad-{number:06d}.md", b""


def generate(target: Path, documents: int, seed: int = 1) -> int:
    """Write `documents` files (about 1% bad) into `target`; returns the number of good ones."""
    rng = random.Random(seed)
    people = cast(rng, documents)
    target.mkdir(parents=True, exist_ok=True)
    good = 0
    for number in range(documents):
        if rng.random() < 0.01:
            name, data = bad_file(rng, number)
            (target / name).write_bytes(data)
            continue
        name, text = article(rng, people, number)
        (target / name).write_text(text, encoding="utf-8")
        good += 1
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    good = generate(args.out, args.documents, args.seed)
    print(f"wrote {args.documents} files ({good} articles, {args.documents - good} bad) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
