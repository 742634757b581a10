"""One test per construction of issue 13, on sentences written for these tests.

Each names what it checks; each fails when the mechanism behind it is taken out.
"""

from __future__ import annotations

from deploymap.read import read_text


def figures(story):
    return {d.contributor: d.troops for d in story.deployments}


def by(story):
    return {d.contributor: d for d in story.deployments}


# -- figures tied to their nation ---------------------------------------------------------------
def test_line_list_with_dashes_and_colons():
    s = read_text(
        "UNMISS contingents this year:\n- Mongolia – 860 troops\n- Rwanda: 1,720 troops\n"
        "- Ghana – 710 troops\n"
    )
    assert figures(s) == {"MNG": 860, "RWA": 1720, "GHA": 710}


def test_respectively_pairs_in_order():
    s = read_text(
        "Brazil, Peru and Chile contribute 180, 95 and 40 soldiers respectively to MINUSCA."
    )
    assert figures(s) == {"BRA": 180, "PER": 95, "CHL": 40}


def test_figure_first_from_and_demonym_plural():
    s = read_text("UNISFA troops now count 410 from Vietnam, 120 from Nepal and 300 Ghanaians.")
    assert figures(s) == {"VNM": 410, "NPL": 120, "GHA": 300}


def test_possessive_figure():
    s = read_text("Ireland's 340 soldiers in UNIFIL rotate out in May.")
    assert figures(s) == {"IRL": 340}


def test_capital_stands_for_its_government():
    s = read_text("Nairobi has sent 400 more police officers to the Haiti mission, MSS.")
    d = by(s)["KEN"]
    assert d.change == 400 and d.personnel == "police"


def test_capital_after_a_verb_is_no_subject():
    s = read_text("Washington urged Belgrade to pull back troops from the KFOR area.")
    assert "SRB" not in by(s)


def test_armed_force_stands_for_its_nation():
    s = read_text("The Bundeswehr provides about 95 soldiers to EUTM Mali.")
    assert figures(s) == {"DEU": 95}


def test_two_figures_two_nations_one_sentence():
    s = read_text(
        "In UNMIL, Nigeria keeps 1,450 soldiers while Pakistan keeps about 980 engineers."
    )
    assert figures(s) == {"NGA": 1450, "PAK": 980}


def test_gapping_shares_the_verb():
    s = read_text("For AMISOM, Uganda pledged 1,200 soldiers, Burundi 650 and Djibouti 300.")
    assert figures(s) == {"UGA": 1200, "BDI": 650, "DJI": 300}


def test_parenthesised_figures_in_a_list():
    s = read_text(
        "Nations that sent troops to KFOR: Austria (320 soldiers), Poland (approx. 250) and "
        "Greece (110)."
    )
    assert figures(s) == {"AUT": 320, "POL": 250, "GRC": 110}


# -- change against contingent ------------------------------------------------------------------
def test_further_troops_taking_the_contingent_to_a_total():
    s = read_text(
        "Nepal will deploy a further 150 soldiers to UNIFIL, taking its contingent to 870."
    )
    d = by(s)["NPL"]
    assert (d.troops, d.change, d.status) == (870, 150, "pledged")


def test_from_one_figure_to_another():
    s = read_text("Senegal raised its MINUSMA contingent from 640 to 720 troops last week.")
    d = by(s)["SEN"]
    assert (d.troops, d.change) == (720, 80)


def test_a_withdrawal_leaves_the_remaining_figure():
    s = read_text(
        "Some 300 Bangladeshi troops, out of a total of 1,500, will leave MONUSCO in June."
    )
    d = by(s)["BGD"]
    assert (d.troops, d.change, d.status) == (1200, -300, "withdrawing")


# -- numbers as written -------------------------------------------------------------------------
def test_space_and_narrow_space_thousands():
    s = read_text("MONUSCO counts 16 320 troops; India alone provides 2\u202f650 soldiers.")
    assert s.mission.troops == 16320
    assert figures(s) == {"IND": 2650}


def test_european_thousands_and_number_words():
    s = read_text("Spain will send 1.150 soldiers to UNIFIL and Malta twelve officers.")
    assert figures(s) == {"ESP": 1150, "MLT": 12}


def test_unit_count_in_words_is_no_head_count():
    s = read_text("Tanzania sent two battalions to MONUSCO.")
    assert figures(s) == {"TZA": None}


def test_absurd_numbers_are_no_figures():
    s = read_text("Chad sent " + "9" * 400 + " soldiers and 1e400 police to MINUSMA.")
    assert figures(s) == {"TCD": None}


# -- totals and ceilings ------------------------------------------------------------------------
def test_strong_mission_is_its_total():
    s = read_text("Egypt joined the 12,300-strong UN mission in Mali, MINUSMA.")
    assert s.mission.troops == 12300


def test_authorised_ceiling_is_not_the_strength():
    s = read_text("UNMISS is authorised up to 17,000 troops but currently has about 13,400 troops.")
    assert s.mission.troops == 13400 and s.mission.authorised == 17000


def test_mandated_maximum_is_a_ceiling():
    s = read_text("The Council raised MINUSCA to a maximum of 14,400 troops.")
    assert s.mission.troops is None and s.mission.authorised == 14400


def test_a_sub_force_is_not_the_mission_total():
    s = read_text(
        "MONUSCO has about 14,000 troops, including the 3,000-strong intervention brigade "
        "within the mission."
    )
    assert s.mission.troops == 14000


def test_one_contingent_is_never_the_total():
    s = read_text("In UNFICYP, Argentina has 250 troops.")
    assert s.mission.troops is None and figures(s) == {"ARG": 250}


def test_raising_the_number_to_a_total():
    s = read_text("New arrivals raised the number of UNDOF personnel to nearly 1,200.")
    assert s.mission.troops == 1200


# -- contributors without a figure --------------------------------------------------------------
def test_other_contributors_include_a_list():
    s = read_text("UNIFIL's other contributors include Malaysia, Finland and Brazil.")
    assert set(figures(s)) == {"MYS", "FIN", "BRA"}


def test_troops_from_a_list():
    s = read_text("MINURSO relies on observers from Egypt, Ghana and Honduras.")
    assert set(figures(s)) == {"EGY", "GHA", "HND"}


def test_ranked_contributor():
    s = read_text("In UNMISS, Mongolia is the sixth-largest contributor.")
    assert set(figures(s)) == {"MNG"}


# -- not contributors ---------------------------------------------------------------------------
def test_withdrawn_nations_are_no_contributors():
    s = read_text(
        "Sweden and Denmark have withdrawn their contingents from MINUSMA, and Ghana has "
        "kept its 160 troops there."
    )
    assert {d.contributor: d.troops for d in s.deployments if d.present} == {"GHA": 160}
    assert {d.contributor for d in s.deployments if d.status == "withdrawn"} == {"SWE", "DNK"}
    assert "SWE" not in {d["contributor"] for d in s.to_dict()["deployments"]}


def test_nations_only_approached_are_no_contributors():
    s = read_text(
        "The UN held talks with Norway and Chile to provide troops, while Kenya sent 500 "
        "soldiers to UNMISS."
    )
    assert figures(s) == {"KEN": 500}


def test_pledges_are_kept_as_pledged():
    s = read_text("Cambodia has pledged 200 deminers to UNIFIL.")
    d = by(s)["KHM"]
    assert (d.troops, d.status) == (200, "pledged")


def test_nation_in_a_place_phrase_is_no_contributor():
    s = read_text("Kenya moved 300 soldiers of UNMISS through Uganda into Juba.")
    assert set(figures(s)) == {"KEN"}


def test_another_mission_in_the_sentence_keeps_its_figures():
    s = read_text(
        "Zambia sends 900 soldiers to MINUSCA. About 700 Zambian troops also serve in "
        "the UN mission in South Sudan, UNMISS. MINUSCA is in the CAR."
    )
    assert figures(s) == {"ZMB": 900}


def test_record_carries_the_figure_span():
    text = "Fiji sends about 180 soldiers to UNDOF."
    (d,) = read_text(text).deployments
    assert d.figure is not None and text[d.figure.start : d.figure.end] == "about 180"


def test_a_contingent_expected_to_stay_is_deployed_not_pledged():
    from deploymap.read import read_text

    story = read_text(
        "The AU force in Somalia will have about 9,000 troops. Burundi is expected to keep "
        "some 2,100 soldiers in the force, and Djibouti will maintain its 900. "
        "Egypt has offered to send troops."
    )
    got = {d.contributor: (d.troops, d.status) for d in story.deployments}
    assert got["BDI"] == (2100, "deployed")
    assert got["DJI"][1] == "deployed"
    assert got["EGY"][1] == "pledged"


def test_deployment_named_as_an_act_after_its_verb():
    s = read_text("Mongolia approved on Tuesday the dispatch of 250 peacekeepers to UNMISS.")
    assert (by(s)["MNG"].troops, by(s)["MNG"].status) == (250, "pledged")


def test_withdrawal_named_as_an_act_is_still_to_come():
    s = read_text("Uruguay announced the withdrawal of its 120 soldiers from UNDOF.")
    d = by(s)["URY"]
    assert (d.change, d.status) == (-120, "withdrawing")


def test_a_figure_with_another_nations_demonym_is_that_nations():
    s = read_text("Egypt moved 300 Zambian troops to MINUSCA by air last week.")
    assert figures(s) == {"ZMB": 300}


def test_the_mission_naming_a_contingent_leaves_the_figure_to_it():
    s = read_text("The Nepalese battalion of UNIFIL numbers 870 soldiers.")
    assert figures(s) == {"NPL": 870}
    assert s.mission is not None and s.mission.troops is None


def test_a_contingent_that_will_be_staying_is_deployed():
    s = read_text("The 600-strong Fijian contingent in UNDOF will be staying put for now.")
    assert by(s)["FJI"].status == "deployed"


def test_continuing_to_deploy_is_deployed_not_pledged():
    s = read_text("Zambia continues to deploy 930 soldiers in MINUSCA.")
    assert (by(s)["ZMB"].troops, by(s)["ZMB"].status) == (930, "deployed")


def test_a_withdrawal_begun_is_under_way():
    s = read_text("Jordan began to withdraw its battalion from MINUSCA in May.")
    assert by(s)["JOR"].status == "withdrawing"


def test_a_countrys_figure_in_its_relative_clause():
    s = read_text("Senegal, which has 1,200 peacekeepers in Mali, is a mainstay of MINUSMA.")
    assert figures(s) == {"SEN": 1200}


def test_a_ceiling_set_at_a_figure_is_no_strength():
    s = read_text("The troop ceiling of UNISFA was set at 4,250 soldiers by the Council.")
    assert s.mission is not None
    assert (s.mission.troops, s.mission.authorised) == (None, 4250)


def test_a_figure_fronting_the_sentence_is_its_subjects():
    s = read_text("With 1,100 soldiers, Italy is among the largest contributors to UNIFIL.")
    assert figures(s) == {"ITA": 1100}
    assert s.mission is not None and s.mission.troops is None


def test_an_apposition_of_size_does_not_hide_the_verb():
    s = read_text("The Burundian contingent, numbering 5,400 soldiers, will leave AMISOM.")
    assert by(s)["BDI"].status == "withdrawing"


def test_a_demonym_heading_its_armed_forces_names_the_country():
    s = read_text("The Irish Defence Forces will send a further 130 troops to UNIFIL.")
    assert by(s)["IRL"].change == 130
    assert [p.text for p in read_text("The Irish Times said so.").places] == []
