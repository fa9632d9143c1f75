"""Shared test data for the actor tests: a small people file written from public records.

The shipped people files (kb/data/people_*.yaml) are written separately; these entries use
the same ids, so merging them over the shipped KB adds nothing twice.
"""

from __future__ import annotations

PEOPLE_YAML = """
meta: {source: "official government and organisation websites", as_of: "2025-09-01"}
people:
- {id: marco-rubio, name: Marco Rubio, surname: Rubio, gender: male,
   roles: [{office: senator, country: USA, sector: LEG, start: 2011-01-03, end: 2025-01-20},
           {office: foreign_minister, title: Secretary of State, country: USA, sector: GOV, start: 2025-01-21, end: null}]}
- {id: antony-blinken, name: Antony Blinken, surname: Blinken, gender: male,
   roles: [{office: foreign_minister, title: Secretary of State, country: USA, sector: GOV, start: 2021-01-26, end: 2025-01-20}]}
- {id: jd-vance, name: JD Vance, aliases: [J.D. Vance], surname: Vance, gender: male,
   roles: [{office: senator, country: USA, sector: LEG, start: 2023-01-03, end: 2025-01-10},
           {office: vice_president, country: USA, sector: GOV, start: 2025-01-20, end: null}]}
- {id: sergey-lavrov, name: Sergey Lavrov, aliases: [Sergei Lavrov], surname: Lavrov, gender: male,
   roles: [{office: foreign_minister, country: RUS, sector: GOV, start: 2004-03-09, end: null}]}
- {id: vladimir-putin, name: Vladimir Putin, surname: Putin, gender: male,
   roles: [{office: head_of_state, country: RUS, sector: GOV, start: 2012-05-07, end: null}]}
- {id: volodymyr-zelenskyy, name: Volodymyr Zelenskyy, aliases: [Volodymyr Zelensky, Volodymyr Zelenskiy, Zelenskiy, Zelensky], surname: Zelenskyy, gender: male,
   roles: [{office: head_of_state, country: UKR, sector: GOV, start: 2019-05-20, end: null}]}
- {id: mark-rutte, name: Mark Rutte, surname: Rutte, gender: male,
   roles: [{office: head_of_government, country: NLD, sector: GOV, start: 2010-10-14, end: 2024-07-02},
           {office: secretary_general, country: IGO, org: nato, sector: GOV, start: 2024-10-01, end: null}]}
- {id: annalena-baerbock, name: Annalena Baerbock, surname: Baerbock, gender: female,
   roles: [{office: foreign_minister, country: DEU, sector: GOV, start: 2021-12-08, end: 2025-05-06}]}
- {id: keir-starmer, name: Keir Starmer, surname: Starmer, gender: male,
   roles: [{office: head_of_government, country: GBR, sector: GOV, start: 2024-07-05, end: null}]}
- {id: donald-trump, name: Donald Trump, surname: Trump, gender: male,
   roles: [{office: head_of_state, country: USA, sector: GOV, start: 2025-01-20, end: null}]}
- {id: pete-hegseth, name: Pete Hegseth, surname: Hegseth, gender: male,
   roles: [{office: defence_minister, country: USA, sector: GOV, start: 2025-01-25, end: null}]}
- {id: kristen-welker, name: Kristen Welker, surname: Welker, gender: female,
   roles: [{office: journalist, country: USA, org: nbc, sector: MED, start: 2023-09-17, end: null}]}
"""
