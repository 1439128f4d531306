"""The effects of the policy scenarios that cartelsim states, declared once: tests/cli/compare_scenarios.py
checks those with an expected direction (a paired 90 % interval over replicates on that side), and
analysis/scenario_effects.py writes all of them, with their intervals, into the README's scenario
table. A scenario's effect is the paired difference scenario - baseline, replicate by replicate
(same seed: common random numbers), of a series' total (how="sum") or mean ("mean") over a window of
years; the interval is a Student t interval of its mean."""
import os

import h5py

from resultfile import interval

# (scenario, series, keywords, expected): expected is "higher", "lower" or None (reported, not checked:
# an effect that is not distinguishable from noise at the test's scale, or a side effect). Keywords:
# label and axis (one label of an axis), how ("sum" or "mean"), window (years, default 2028-2032),
# against (the run compared with, default "baseline": a bundle against another bundle) and title (the
# words of the README).
EFFECTS = [
    ("interdiction_surge", "wholesale_price", dict(label="cocaine", how="mean", title="cocaine wholesale price"), "higher"),
    ("interdiction_surge", "retail_price", dict(label="cocaine", how="mean", title="cocaine retail price"), "higher"),
    ("interdiction_surge", "consumption", dict(label="cocaine", title="cocaine consumption"), "lower"),
    ("interdiction_surge", "revenue", dict(title="cartel revenue"), "higher"),
    ("interdiction_surge", "seized", dict(label="cocaine", axis="product", title="cocaine seized"), "higher"),
    ("interdiction_surge", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), None),
    ("interdiction_surge", "homicides_total", dict(title="homicides"), None),
    # Methamphetamine delivered is not checked: with the assumed 30 t a year of precursor capacity for it,
    # a 52 % cut of arrivals still leaves more than the US market takes, so shipments do not fall.
    ("precursor_control", "delivered", dict(label="methamphetamine", axis="product", title="methamphetamine delivered"), None),
    ("precursor_control", "delivered", dict(label="fentanyl", axis="product", title="fentanyl delivered"), "lower"),
    ("precursor_control", "retail_price", dict(label="methamphetamine", how="mean", title="methamphetamine price"), "higher"),
    ("precursor_control", "fentanyl_share", dict(label="opioids", how="mean", title="fentanyl share of opioids"), "lower"),
    ("demand_treatment", "in_treatment", dict(title="in treatment"), "higher"),
    ("demand_treatment", "treatment_queue", dict(title="waiting list"), "lower"),
    ("demand_treatment", "overdose_deaths", dict(title="overdose deaths"), "lower"),
    ("demand_treatment", "revenue", dict(title="cartel revenue"), None),
    ("regulated_cannabis", "illicit_spending", dict(label="cannabis", title="illicit cannabis spending"), "lower"),
    ("regulated_cannabis", "delivered", dict(label="cannabis", axis="product", title="cannabis shipped"), "lower"),
    ("regulated_cannabis", "revenue", dict(title="cartel revenue"), "lower"),
    ("kingpin_strategy", "leaders_arrested", dict(title="leaders arrested"), "higher"),
    ("kingpin_strategy", "splits", dict(title="splits"), "higher"),
    ("kingpin_strategy", "organisations_active", dict(how="mean", title="organisations"), "higher"),
    # Homicides: +4 % in 2026-2030 with a 90 % interval of -3 % to +12 % over 16 replicates at the test's
    # scale: not distinguishable from noise, so reported, not checked.
    ("kingpin_strategy", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), None),
    ("kingpin_strategy", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), None),
    # Jones (2013) and others: kidnapping and extortion rose after arrests fragmented the organisations
    # (the roving bandit of diversification.c: +15 % and +16 % in the README's run; not significant when
    # only the pools of insecure controllers grew, before 2026-12-04).
    ("kingpin_strategy", "extortion_victims", dict(window=(2026, 2030), title="extortion 2026-2030"), "higher"),
    ("kingpin_strategy", "kidnapping_victims", dict(window=(2026, 2030), title="kidnappings 2026-2030"), "higher"),
    ("militarized_crackdown", "members_arrested", dict(window=(2026, 2027), title="member arrests 2026-2027"), "higher"),
    ("militarized_crackdown", "homicides", dict(label="state_confrontation", axis="homicide_type",
                                                title="deaths in confrontations"), "higher"),
    ("militarized_crackdown", "police_strength", dict(how="mean", title="local police strength"), "lower"),
    ("militarized_crackdown", "splits", dict(title="splits"), "higher"),
    ("militarized_crackdown", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), "higher"),
    ("militarized_crackdown", "members_arrested", dict(window=(2033, 2040), title="member arrests 2033-2040 (police eroded)"),
     "lower"),
    ("economic_opportunity", "recruits", dict(title="recruits"), "lower"),
    ("economic_opportunity", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), "lower"),
    ("economic_opportunity", "homicides_total", dict(window=(2031, 2040), title="homicides 2031-2040"), "lower"),
    ("institution_building", "police_strength", dict(how="mean", title="local police strength"), "higher"),
    ("institution_building", "leaders_arrested", dict(title="leaders arrested"), "higher"),
    ("institution_building", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), "lower"),
    # Extortion: -8 %, 90 % interval -17 % to +2 % over 16 replicates: reported, not checked.
    ("institution_building", "extortion_victims", dict(window=(2031, 2040), title="extortion 2031-2040"), None),
    ("institution_building", "homicides_total", dict(window=(2031, 2040), title="homicides 2031-2040"), None),
    ("gun_control", "guns_trafficked", dict(window=(2026, 2030), title="guns trafficked 2026-2030"), "lower"),
    ("gun_control", "assault_weapon_share", dict(how="mean", window=(2027, 2030), title="assault-weapon share"), "lower"),
    ("gun_control", "guns", dict(how="mean", window=(2027, 2030), title="guns held"), "lower"),
    ("gun_control", "homicides_total", dict(window=(2026, 2035), title="homicides 2026-2035"), None),
    ("awb_counterfactual", "assault_weapon_share", dict(how="mean", window=(2005, 2006), title="assault-weapon share 2005-2006"),
     "lower"),
    # Its homicides are checked by state, against Dube et al., in tests/cli/test_natural_experiments.sh.
    ("awb_counterfactual", "homicides_total", dict(window=(2005, 2006), title="homicides 2005-2006"), None),
    ("pc_halve_recruitment", "recruits", dict(window=(2022, 2027), title="recruits 2022-2027"), "lower"),
    ("pc_halve_recruitment", "members", dict(how="mean", window=(2027, 2027), title="members 2027"), "lower"),
    ("pc_halve_recruitment", "members_killed", dict(window=(2027, 2027), title="members killed 2027"), None),
    ("pc_double_incapacitation", "members_arrested", dict(window=(2022, 2023), title="arrests 2022-2023"), "higher"),
    ("pc_double_incapacitation", "members", dict(how="mean", window=(2027, 2027), title="members 2027"), "lower"),
    ("pc_double_incapacitation", "members_killed", dict(window=(2027, 2027), title="members killed 2027"), None),
    ("no_cocaine_shortage", "retail_price", dict(label="cocaine", how="mean", window=(2008, 2009),
                                                 title="cocaine retail price 2008-2009"), "lower"),
    ("no_cocaine_shortage", "homicides_total", dict(window=(2008, 2009), title="homicides 2008-2009"), None),
    # Issue 12 (B): deportation, the border between ports, extradition, and the two bundles.
    ("mass_deportation_border_wall", "smuggling_fee", dict(how="mean", title="smugglers' fee"), "higher"),
    ("mass_deportation_border_wall", "migrant_crossings", dict(title="crossings between ports (re-entries of deportees)"), "higher"),
    ("mass_deportation_border_wall", "smuggling_revenue", dict(title="migrant-smuggling revenue"), "higher"),
    ("mass_deportation_border_wall", "offshoot_members", dict(how="mean", title="members of offshoots abroad"), "higher"),
    ("mass_deportation_border_wall", "delivered_poe_share", dict(how="mean", title="share delivered through ports of entry"),
     "higher"),
    # More effort between ports seizes more there although loads move to the ports: reported, not checked.
    ("mass_deportation_border_wall", "seized_between_ports", dict(label="fentanyl", axis="product",
                                                                  title="fentanyl seized between ports"), None),
    ("mass_deportation_border_wall", "homicides_total", dict(title="homicides"), None),
    ("extradition_surge", "leaders_extradited", dict(title="leaders extradited"), "higher"),
    ("extradition_surge", "leaders_arrested", dict(title="leaders jailed in Mexico"), "lower"),
    # Leaders who kept command from prison are sent away: successions and splits follow. Reported, not
    # checked: +41 % (+20 to +62) before the 2025 designations entered the history, +25 % (-1 to +51)
    # after them (more removals in the baseline), 16 replicates at the test's scale.
    ("extradition_surge", "splits", dict(title="splits"), None),
    ("extradition_surge", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), None),
    ("bundle_enforcement", "retail_price", dict(label="cocaine", how="mean", title="cocaine retail price"), "higher"),
    ("bundle_enforcement", "members_arrested", dict(window=(2026, 2027), title="member arrests 2026-2027"), "higher"),
    ("bundle_enforcement", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), "higher"),
    ("bundle_enforcement", "revenue", dict(title="cartel revenue"), "higher"),
    ("bundle_enforcement", "splits", dict(title="splits"), "higher"),
    ("bundle_enforcement", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), None),
    ("bundle_enforcement", "overdose_deaths", dict(window=(2031, 2040), title="overdose deaths 2031-2040"), None),
    ("bundle_prevention", "overdose_deaths", dict(window=(2031, 2040), title="overdose deaths 2031-2040"), "lower"),
    ("bundle_prevention", "recruits", dict(title="recruits"), "lower"),
    ("bundle_prevention", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), "lower"),
    ("bundle_prevention", "homicides_total", dict(window=(2031, 2040), title="homicides 2031-2040"), "lower"),
    ("bundle_prevention", "revenue", dict(title="cartel revenue"), "lower"),
    # The tradeoff of the first seed article: the prevention bundle against the enforcement bundle.
    ("bundle_prevention", "homicides_total", dict(against="bundle_enforcement", window=(2026, 2030),
                                                  title="homicides 2026-2030 against the enforcement bundle"), "lower"),
    ("bundle_prevention", "homicides_total", dict(against="bundle_enforcement", window=(2031, 2040),
                                                  title="homicides 2031-2040 against the enforcement bundle"), "lower"),
    ("bundle_prevention", "overdose_deaths", dict(against="bundle_enforcement", window=(2031, 2040),
                                                  title="overdose deaths 2031-2040 against the enforcement bundle"), "lower"),
    ("bundle_prevention", "revenue", dict(against="bundle_enforcement", title="cartel revenue against the enforcement bundle"),
     "lower"),
    ("bundle_prevention", "members", dict(against="bundle_enforcement", how="mean", window=(2031, 2040),
                                          title="members 2031-2040 against the enforcement bundle"), None),
    ("bundle_prevention", "policy_cost", dict(against="bundle_enforcement", window=(2026, 2030),
                                              title="spending on the levers 2026-2030 against the enforcement bundle"), None),
    # US-Mexico relations (uspolicy.c, model.md 3.19).
    ("fto_designation", "designated_organisations", dict(how="mean", title="organisations designated"), "higher"),
    ("fto_designation", "cash", dict(how="mean", title="cash held"), "lower"),
    ("fto_designation", "laundering_cost", dict(title="laundering cost"), "higher"),
    ("fto_designation", "lieutenants_removed", dict(title="lieutenants removed"), "higher"),
    ("fto_designation", "leaders_arrested", dict(window=(2026, 2030), title="leaders arrested 2026-2030"), "higher"),
    ("fto_designation", "hostility", dict(how="mean", window=(2026, 2030), title="hostility toward the US 2026-2030"), "higher"),
    ("fto_designation", "retaliation_incidents", dict(window=(2026, 2030), title="incidents against US nationals 2026-2030"),
     "higher"),
    ("fto_designation", "tourist_arrivals", dict(window=(2026, 2030), title="tourist arrivals 2026-2030"), "lower"),
    ("fto_designation", "members", dict(how="mean", window=(2031, 2040), title="members 2031-2040"), "lower"),
    ("fto_designation", "homicides_total", dict(title="homicides"), None),
    # Strikes: 24 a year on the designated organisations, 40 % aimed at leaders (0.43 killed per strike
    # on leaders), each killing 6.1 members and 1.4 bystanders; the leaders killed split their
    # organisations, whose factions go to war.
    ("strikes_with_consent", "us_strike_leaders_killed", dict(title="leaders killed by strikes"), "higher"),
    ("strikes_with_consent", "leaders_killed", dict(title="leaders killed"), "higher"),
    ("strikes_with_consent", "splits", dict(title="splits"), "higher"),
    ("strikes_with_consent", "us_strike_civilians_killed", dict(title="bystanders killed by strikes"), "higher"),
    ("strikes_with_consent", "hostility", dict(how="mean", title="hostility toward the US"), "higher"),
    ("strikes_with_consent", "retaliation_incidents", dict(title="incidents against US nationals"), "higher"),
    # Homicides: the strikes' splits add wars, a few per cent of the national total: at the checks'
    # coarse scale (24 replicates, sim.agent_scale 4000) +1.7 % (-0.6 to +4.0) on 2026-12-03, within the
    # noise (it passed before outreach's assaults changed the random path), while the README table
    # (8 replicates at the default scale) shows +7 % (+3 to +10): reported, not checked at that scale.
    ("strikes_with_consent", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), None),
    ("strikes_with_consent", "mexican_cooperation", dict(how="mean", title="Mexican cooperation"), None),
    ("strikes_with_consent", "tourist_arrivals", dict(title="tourist arrivals"), None),
    ("strikes_without_consent", "mexican_cooperation", dict(how="mean", title="Mexican cooperation"), "lower"),
    ("strikes_without_consent", "seized_domestic", dict(title="seized on Mexican roads"), "lower"),
    ("strikes_without_consent", "seized_seaport", dict(title="seized at Mexican seaports"), "lower"),
    ("strikes_without_consent", "leaders_extradited", dict(title="leaders extradited"), "lower"),
    ("strikes_without_consent", "leaders_killed", dict(title="leaders killed"), "higher"),
    ("strikes_without_consent", "retaliation_incidents", dict(title="incidents against US nationals"), "higher"),
    ("strikes_without_consent", "leaders_arrested", dict(title="leaders arrested"), None),
    ("strikes_without_consent", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), None),
    # The fentanyl delivered does not fall: China's 10 % stop leaves precursor capacity above what the
    # US market takes in these years (as for methamphetamine under precursor_control).
    ("fentanyl_tariffs", "precursor_arrivals", dict(title="precursor arrivals"), "lower"),
    ("fentanyl_tariffs", "mexican_cooperation", dict(how="mean", title="Mexican cooperation"), "higher"),
    ("fentanyl_tariffs", "seized_domestic", dict(title="seized on Mexican roads"), "higher"),
    # Overdose deaths: -4 % in 2026-2030 over 4 replicates, interval excluding zero, but neither the
    # fentanyl delivered nor the fentanyl share moves: reported, not checked, until the path is traced.
    ("fentanyl_tariffs", "overdose_deaths", dict(window=(2026, 2030), title="overdose deaths 2026-2030"), None),
    ("fentanyl_tariffs", "delivered", dict(label="fentanyl", axis="product", title="fentanyl delivered"), None),
    ("fentanyl_tariffs", "leaders_arrested", dict(window=(2026, 2030), title="leaders arrested 2026-2030"), None),
    ("fentanyl_tariffs", "homicides_total", dict(window=(2026, 2030), title="homicides 2026-2030"), None),
]

def series(directory, run, name, label=None, axis="drug", how="sum", window=(2028, 2032), **_):
    """[replicate] total (how="sum") or mean ("mean") of a series over the window's weeks."""
    with h5py.File(os.path.join(directory, run + ".h5"), "r") as f:
        g = f["series"]
        years = 2000 + (g["time"][:] + 3.5) / 365.25
        sel = (years >= window[0]) & (years < window[1] + 1)
        x = g[name][:][:, sel]
        if label is not None:
            labels = [bytes(r).decode().rstrip("\0") for r in g[axis + "_name"][:]]
            x = x[..., labels.index(label)]
        elif x.ndim == 3:
            x = x.sum(axis=2)
        return x.sum(axis=1) if how == "sum" else x.mean(axis=1)


def paired(a, b):
    """Mean of b - a, its 90 % t interval (low, high), and the mean of a."""
    m, lo, hi = interval(b - a)
    return m, lo, hi, float(a.mean())


def effect(directory, run, name, kw):
    """(mean change, low, high, baseline mean, replicates) of one declared effect; the base run is the
    baseline unless the effect names another (keyword against: a run of the same seed)."""
    base = kw.get("against", "baseline")
    a, b = series(directory, base, name, **kw), series(directory, run, name, **kw)
    if len(a) != len(b):
        raise ValueError(f"{run}: {len(b)} replicates against the baseline's {len(a)}")
    return (*paired(a, b), len(a))


def passes(expected, low, high):
    return high < 0 if expected == "lower" else low > 0
