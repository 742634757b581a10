"""One test per French construction of issue 19, on sentences written for these tests.

The roles engine is the English one; these sentences exercise the French words it
reads from :mod:`deploymap.extract.lexicon_fr` (and a few general mechanisms they
needed).  Each fails when the mechanism or the French data behind it is taken out.
"""

from __future__ import annotations

from deploymap.extract.dates import find_dates
from deploymap.extract.figures import find_numbers, words_value
from deploymap.read import read_text


def read(text, **kw):
    return read_text(text, lang="fr", **kw)


def figures(story):
    return {d.contributor: d.troops for d in story.deployments}


def total(story):
    return story.mission.troops if story.mission else None


# -- lists of contributors ----------
def test_list_joined_by_et_with_articles():
    s = read("Parmi les contributeurs de la Minusca figurent le Rwanda, le Pakistan et l’Égypte.")
    assert set(figures(s)) == {"RWA", "PAK", "EGY"}


def test_list_in_parentheses_after_its_head():
    s = read(
        "Les quatre pays contributeurs de l'Amisom (Kenya, Burundi, Ouganda et Éthiopie) "
        "se réunissent à Mogadiscio."
    )
    assert set(figures(s)) == {"KEN", "BDI", "UGA", "ETH"}


def test_list_after_tels_que():
    s = read("Des pays contributeurs tels que le Togo et le Bénin renforcent la Minusma.")
    assert set(figures(s)) == {"TGO", "BEN"}


def test_source_after_de_and_a_troop_noun():
    s = read("Une compagnie de génie du Népal est arrivée à Bangui pour renforcer la Minusca.")
    assert set(figures(s)) == {"NPL"}


# -- a nation's figure ----------
def test_apposition_opening_on_a_rank_without_article():
    s = read("Le Ghana, deuxième contributeur de la Finul, aligne 870 casques bleus.")
    assert figures(s) == {"GHA": 870}


def test_respectivement_pairs_the_figures():
    s = read("Le Niger et le Tchad fournissent respectivement 850 et 1 400 soldats à la Minusma.")
    assert figures(s) == {"NER": 850, "TCD": 1400}


def test_contingent_named_by_its_mission():
    s = read("Le bataillon népalais de la Finul compte 870 hommes.")
    assert figures(s) == {"NPL": 870}


def test_staying_verb_after_va_is_no_pledge():
    s = read("Le Niger va maintenir ses 850 soldats au sein de la Minusma.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("NER", 850, "deployed")


def test_lead_in_verb_with_de_before_the_infinitive():
    s = read("Le Malawi a décidé d'envoyer 850 soldats à la Monusco.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("MWI", 850, "pledged")


def test_continuer_de_deployer_is_deployed():
    s = read("La Zambie continue de déployer 930 soldats au sein de la Minusca.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("ZMB", 930, "deployed")


def test_a_withdrawal_begun_is_under_way():
    s = read("La Jordanie a entamé le retrait de son bataillon de la Minusca.")
    assert [(d.contributor, d.status) for d in s.deployments] == [("JOR", "withdrawing")]


def test_a_countrys_figure_in_its_relative_clause():
    s = read("Le Sénégal, qui compte 1 200 casques bleus au Mali, est un pilier de la Minusma.")
    assert figures(s) == {"SEN": 1200}


def test_plafond_fixe_a_is_a_ceiling():
    s = read("Le plafond des effectifs de la Minuss est fixé à 17 000 militaires.")
    assert s.mission is not None
    assert (s.mission.troops, s.mission.authorised) == (None, 17000)


def test_fronted_avec_and_fort_de_belong_to_the_subject():
    s = read("Avec 1 100 soldats, l'Italie figure parmi les piliers de la Finul.")
    assert figures(s) == {"ITA": 1100}
    s = read("Fort de 850 hommes, le contingent sénégalais est basé à Gao, au Mali.")
    assert figures(s) == {"SEN": 850}


def test_elided_article_before_the_mission_and_a_future_withdrawal():
    s = read("Le contingent burundais de l'Amisom, fort de 5 400 hommes, quittera la Somalie.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("BDI", 5400, "withdrawing")


def test_envoi_de_named_as_an_act():
    s = read("Le Bénin a annoncé mardi l'envoi de 280 casques bleus au sein de la Monusco.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("BEN", 280, "pledged")


def test_retrait_de_named_as_an_act_is_still_to_come():
    s = read("Le Gabon a annoncé le retrait de ses 450 militaires de la Minusca.")
    d = s.deployments[0]
    assert (d.contributor, d.change, d.status) == ("GAB", -450, "withdrawing")


def test_futur_proche_is_a_pledge():
    s = read("Le Togo va déployer 140 policiers au sein de la Minusma.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("TGO", 140, "pledged")


def test_demonym_after_the_noun_owns_the_figure():
    s = read("Le Maroc a envoyé par avion 600 soldats bangladais vers la Minusca.")
    assert figures(s) == {"BGD": 600}


def test_contributor_copula_with_avec():
    s = read("Le Ghana demeure le deuxième contributeur de la Finul, avec près de 870 soldats.")
    assert figures(s) == {"GHA": 870}


def test_avec_in_the_subjects_clause():
    s = read("Le Sénégal « tient son rang » au sein de la Minusma, avec 900 militaires sur place.")
    assert figures(s) == {"SEN": 900}


def test_unit_figure_past_a_modifier():
    s = read("Le Togo a promis un bataillon d'infanterie de 650 soldats à la Minusma.")
    assert figures(s) == {"TGO": 650}


def test_unit_figure_after_an_elided_qualifier():
    s = read("Le Maroc a envoyé un contingent d’environ 300 militaires à la Minusca.")
    assert figures(s) == {"MAR": 300}


def test_figure_of_the_nations_contingent():
    s = read("Les 420 soldats du contingent népalais sont arrivés à Naqoura pour la Finul.")
    assert figures(s) == {"NPL": 420}


def test_figure_in_a_relative_clause():
    s = read("Le contingent irlandais, qui compte 340 soldats, patrouille pour la Finul.")
    assert figures(s) == {"IRL": 340}


def test_base_figure_and_a_later_change():
    s = read(
        "Le contingent ghanéen, qui aligne 150 casques bleus dans la Finul, recevra en mai le "
        "renfort d’une trentaine d’hommes supplémentaires."
    )
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.change) == ("GHA", 180, 30)


def test_a_year_like_figure_before_a_troop_noun():
    s = read("Le Tchad a promis 2000 soldats à la Misma.")
    assert figures(s) == {"TCD": 2000}


def test_in_all_outweighs_a_part():
    s = read(
        "La Finul a formé un groupement mixte de 1 200 hommes, dont 300 Espagnols. "
        "L'Espagne aligne en tout 640 soldats au Liban."
    )
    assert figures(s)["ESP"] == 640


def test_number_words():
    s = read("Le Rwanda enverra un millier de casques bleus à la Minusca.")
    assert figures(s) == {"RWA": 1000}
    assert words_value("deux mille", "fr") == 2000
    assert words_value("quatre-vingt-dix", "fr") == 90
    assert words_value("soixante et onze", "fr") == 71


def test_casualties_are_no_contingent():
    s = read("Lundi, 4 casques bleus tchadiens de la Minusma ont été tués près de Kidal.")
    assert figures(s).get("TCD") is None


def test_ordinals_and_decimals_are_no_figures():
    assert find_numbers("le 12-ème contingent et le 2e bataillon", lang="fr") == []
    assert find_numbers("un budget de 5,4 milliards", lang="fr") == []
    assert find_numbers("une baisse de 25 pour cent, vingt pour cent", lang="fr") == []
    got = [n.value for n in find_numbers("quelque 1 200 hommes et près de 13.000 soldats")]
    assert got == [1200, 13000]


# -- discourse: the next sentence ----------
def test_each_in_the_next_sentence():
    s = read(
        "Le Niger, le Tchad et le Togo ont promis des troupes à la Minusma. "
        "Chaque pays enverra un bataillon de 650 soldats."
    )
    assert figures(s) == {"NER": 650, "TCD": 650, "TGO": 650}


def test_pronoun_subject_continues_the_nation():
    s = read("Le contingent tchadien est arrivé à Tessalit pour la Minusma. Il compte 700 hommes.")
    assert figures(s) == {"TCD": 700}


# -- who is no contributor ----------
def test_blocked_arrival_is_no_contribution():
    s = read(
        "Khartoum empêche depuis mars le déploiement de casques bleus népalais dans la Minuad."
    )
    assert "NPL" not in figures(s)


def test_leaving_ones_own_capital_is_no_withdrawal():
    s = read("Mardi, 250 gendarmes sénégalais ont quitté Dakar à destination de la Minusma.")
    d = s.deployments[0]
    assert (d.contributor, d.troops, d.status) == ("SEN", 250, "deployed")


def test_plan_against_the_strength_today():
    s = read(
        "La Minusca pourrait à terme réunir 14 000 hommes. "
        "Elle compte aujourd’hui 9 000 militaires."
    )
    assert total(s) == 9000


def test_part_of_the_total_weighs_less():
    s = read("Au sein de la Minurso servent 300 agents en uniforme, dont 40 soldats.")
    assert total(s) == 300


def test_figure_in_parentheses_after_the_name():
    s = read(
        "Selon la Misma, 300 soldats sont arrivés à Gao. Le contingent nigérien a rejoint "
        "en janvier la Misma (5.500 hommes au total), déployée au Mali."
    )
    assert total(s) == 5500


def test_persons_counted_by_the_mission():
    s = read("Basée à Bamako, l'EUTM Mali regroupe environ 700 personnes de vingt pays.")
    assert total(s) == 700


def test_out_of_the_organisations_soldiers():
    s = read(
        "Sur les 20 000 militaires que l'Union africaine déploie en Somalie, 4 000 sont "
        "Kényans. "
        "L'Amisom protège Mogadiscio."
    )
    assert total(s) == 20000 and figures(s) == {"KEN": 4000}


def test_from_one_figure_to_another():
    s = read("Les effectifs de l'opération Barkhane vont passer de 4 500 militaires à 5 100.")
    assert total(s) == 5100


def test_national_operation_is_its_nations_contingent():
    s = read("Au Sahel, l'opération Barkhane mobilise désormais 4 500 soldats.")
    assert figures(s) == {"FRA": 4500}


# -- events and dates ----------
def test_french_handover_with_a_date():
    s = read(
        "Le 3 mars, l’Espagne prend le commandement de la Finul des mains de l’Italie.",
        date="2024-03-10",
    )
    assert [(e.kind, e.actors, e.date) for e in s.events] == [
        ("handover", ("ESP", "ITA"), "2024-03-03")
    ]


def test_handover_given_away_on_a_weekday():
    s = read("Jeudi, l'Italie a cédé le commandement de la Finul à l'Espagne.", date="2024-03-10")
    assert [(e.actors, e.date) for e in s.events] == [(("ESP", "ITA"), "2024-03-07")]


def test_handover_with_a_time_word_between_verb_and_command():
    s = read("Le Ghana a pris mardi la tête de la Minusca des mains du Rwanda.", date="2024-03-10")
    assert [(e.actors, e.date) for e in s.events] == [(("GHA", "RWA"), "2024-03-05")]


def test_french_dates():
    got = [d.iso for d in find_dates("le 1er juillet 2024 et le 3 mars", lang="fr")]
    assert got == ["2024-07-01", "--03-03"]
    assert [d.iso for d in find_dates("arrivés jeudi", lang="fr", ref="2024-07-16")] == [
        "2024-07-11"
    ]


def test_the_missions_troops_all_leave():
    s = read(
        "Les principaux contingents de la Minuad venaient du Rwanda et du Nigeria. "
        "Les derniers casques bleus de la Minuad ont définitivement quitté le Soudan."
    )
    assert s.deployments == () or all(d.status == "withdrawn" for d in s.deployments)
    assert {d.contributor for d in s.deployments} == {"RWA", "NGA"}


def test_the_missions_troops_all_leave_in_english():
    s = read_text(
        "UNMIL's main contingents came from Nigeria and Ghana. "
        "The last UNMIL peacekeepers have left Liberia."
    )
    assert {(d.contributor, d.status) for d in s.deployments} == {
        ("NGA", "withdrawn"),
        ("GHA", "withdrawn"),
    }


def test_a_nations_own_operation_beside_the_mission():
    s = read(
        "Le Tchad a envoyé 2 000 soldats pour la Misma. Paris, de son côté, maintient "
        "3 000 militaires au Mali.",
        date="2013-02-01",
    )
    assert figures(s) == {"TCD": 2000}


def test_target_of_the_only_nation_in_the_sentence():
    s = read(
        "Des gendarmes rwandais, déjà présents depuis mai, ont vu 150 collègues atterrir "
        "mardi à Bangui, ce qui porte leur nombre à 450 au sein de la Minusca."
    )
    assert figures(s) == {"RWA": 450}


def test_target_of_the_missions_total_stays_the_missions():
    s = read(
        "Des gendarmes rwandais sont arrivés mardi, portant les effectifs de la mission "
        "à 14 000 pour la Minusca."
    )
    assert figures(s) == {"RWA": None} and total(s) == 14000


def test_a_missions_long_name_is_one_token():
    s = read(
        "Le 5e bataillon togolais de la Mission de l'Organisation des Nations unies pour "
        "la stabilisation en République démocratique du Congo (MONUSCO), composé de 740 "
        "éléments, a pris ses quartiers à Bunia."
    )
    assert figures(s) == {"TGO": 740}
    s = read_text(
        "The Bangladeshi battalion of the United Nations Mission in South Sudan (UNMISS), "
        "comprising 850 soldiers, arrived in Juba."
    )
    assert figures(s) == {"BGD": 850}
