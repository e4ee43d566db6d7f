"""The code lists and the two structures Puebla starts with, as data (the migration
0002_structures writes them; the secretariat changes them by new versions).

Where each code comes from is kept with its list (`CodeList.source`) and, for a code that is
not in that source, with the code (`Code.note`). The RCM's sources define no statistical
structure: the age bands and the two structures are Puebla's starting proposal, and say so.
"""

import functools
import gettext

import pycountry

TOTAL = "_T"
UNKNOWN = "_U"
STATELESS = "XXA"

SDMX_CROSS_DOMAIN = (
    "SDMX cross-domain code lists (SDMX Global Registry, sdmx.org): codes F, M, _T (total) and "
    "_U (unknown)."
)
PUEBLA_PROPOSAL = (
    "Puebla's starting proposal, not taken from the RCM's sources: the Technical Secretariat "
    "confirms or replaces it with a new version."
)


def countries() -> dict:
    """ISO 3166-1 alpha-3, English names as ISO gives them and Spanish ones from the iso-codes
    project's translation (both through pycountry), then unknown, stateless and the total."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    codes = [
        (country.alpha_3, spanish.gettext(country.name), country.name, "")
        for country in sorted(pycountry.countries, key=lambda country: country.alpha_3)
    ]
    codes += [
        (UNKNOWN, "Desconocido", "Unknown", "SDMX cross-domain code for an unknown value."),
        (
            STATELESS,
            "Apátrida",
            "Stateless",
            "ICAO Doc 9303 (machine-readable travel documents), part 3: XXA, stateless person.",
        ),
        (TOTAL, "Total", "Total", "SDMX cross-domain code for the total."),
    ]
    return {
        "key": "CL_AREA",
        "name_es": "Países y territorios",
        "name_en": "Countries and territories",
        "source": (
            f"ISO 3166-1 alpha-3, through pycountry {_version()} (names in English from ISO, "
            "in Spanish from the iso-codes project's translations); plus unknown and the "
            f"total (SDMX) and stateless (ICAO Doc 9303). {SDMX_CROSS_DOMAIN}"
        ),
        "codes": codes,
    }


def alpha_3(country) -> str:
    """A directory Country's ISO 3166-1 alpha-3 code (the directory keeps alpha-2)."""
    return alpha_3_of_code(country.iso_code)


@functools.cache
def alpha_3_of_code(alpha_2: str) -> str:
    found = pycountry.countries.get(alpha_2=alpha_2)
    return found.alpha_3 if found else alpha_2


def _version() -> str:
    from importlib.metadata import version

    return version("pycountry")


SEX = {
    "key": "CL_SEX",
    "name_es": "Sexo",
    "name_en": "Sex",
    "source": SDMX_CROSS_DOMAIN,
    "codes": [
        ("F", "Mujeres", "Female", ""),
        ("M", "Hombres", "Male", ""),
        (UNKNOWN, "Desconocido", "Unknown", ""),
        (TOTAL, "Total", "Total", ""),
    ],
}

AGE = {
    "key": "CL_AGE",
    "name_es": "Grupo de edad",
    "name_en": "Age group",
    "source": (
        "Codes written as SDMX's CL_AGE writes them (Y_LT18: under 18 years; Y18T29: 18 to 29; "
        f"Y_GE65: 65 and over). The bands: {PUEBLA_PROPOSAL}"
    ),
    "codes": [
        ("Y_LT18", "Menos de 18 años", "Under 18 years", ""),
        ("Y18T29", "De 18 a 29 años", "18 to 29 years", ""),
        ("Y30T44", "De 30 a 44 años", "30 to 44 years", ""),
        ("Y45T64", "De 45 a 64 años", "45 to 64 years", ""),
        ("Y_GE65", "65 años o más", "65 years or over", ""),
        (UNKNOWN, "Desconocida", "Unknown", ""),
        (TOTAL, "Total", "Total", ""),
    ],
}

FLOW = {
    "key": "CL_FLOW",
    "name_es": "Flujo",
    "name_en": "Flow",
    "source": f"The four flows named for the statistics exchange. {PUEBLA_PROPOSAL}",
    "codes": [
        ("ENTRY", "Entradas", "Entries", ""),
        ("EXIT", "Salidas", "Exits", ""),
        ("RETURN", "Retornos", "Returns", ""),
        ("DEPORTATION", "Deportaciones", "Deportations", ""),
    ],
}


def code_lists() -> list[dict]:
    return [countries(), SEX, AGE, FLOW]


# Each dimension: (column, Spanish, English, code list, allowed codes or () for all of them).
STRUCTURES = [
    {
        "key": "ENTRIES_EXITS",
        "name_es": "Entradas y salidas por nacionalidad, sexo y edad",
        "name_en": "Entries and exits by nationality, sex and age",
        "frequency": "M",
        "measure_es": "Número de movimientos",
        "measure_en": "Number of movements",
        "sensitive": False,
        "source": PUEBLA_PROPOSAL,
        "dimensions": [
            ("FLOW", "Flujo", "Flow", "CL_FLOW", ("ENTRY", "EXIT")),
            ("NATIONALITY", "Nacionalidad", "Nationality", "CL_AREA", ()),
            ("SEX", "Sexo", "Sex", "CL_SEX", ()),
            ("AGE", "Grupo de edad", "Age group", "CL_AGE", ()),
        ],
    },
    {
        "key": "RETURNS",
        "name_es": "Retornos por país de retorno, sexo y edad",
        "name_en": "Returns by country of return, sex and age",
        "frequency": "Q",
        "measure_es": "Número de personas",
        "measure_en": "Number of persons",
        # Returned children are counted here: small counts could name a child.
        "sensitive": True,
        "source": PUEBLA_PROPOSAL,
        "dimensions": [
            ("FLOW", "Flujo", "Flow", "CL_FLOW", ("RETURN", "DEPORTATION")),
            ("RETURN_COUNTRY", "País de retorno", "Country of return", "CL_AREA", ()),
            ("SEX", "Sexo", "Sex", "CL_SEX", ()),
            ("AGE", "Grupo de edad", "Age group", "CL_AGE", ()),
        ],
    },
]


def seed(apps) -> None:
    """Write the code lists and the structures with the models `apps` gives (a migration's)."""
    code_list_model = apps.get_model("stats", "CodeList")
    code_model = apps.get_model("stats", "Code")
    structure_model = apps.get_model("stats", "DataStructure")
    dimension_model = apps.get_model("stats", "Dimension")
    lists = {}
    for definition in code_lists():
        code_list = code_list_model.objects.create(
            key=definition["key"],
            name_es=definition["name_es"],
            name_en=definition["name_en"],
            source=definition["source"],
        )
        lists[code_list.key] = code_list
        code_model.objects.bulk_create(
            code_model(
                code_list=code_list,
                code=code,
                name_es=name_es,
                name_en=name_en,
                note=note,
                position=position,
                is_total=code == TOTAL,
            )
            for position, (code, name_es, name_en, note) in enumerate(definition["codes"])
        )
    for definition in STRUCTURES:
        fields = {key: value for key, value in definition.items() if key != "dimensions"}
        structure = structure_model.objects.create(version=1, **fields)
        for position, (key, name_es, name_en, list_key, allowed) in enumerate(
            definition["dimensions"]
        ):
            dimension = dimension_model.objects.create(
                structure=structure,
                key=key,
                position=position,
                code_list=lists[list_key],
                name_es=name_es,
                name_en=name_en,
            )
            if allowed:
                dimension.allowed.set(
                    code_model.objects.filter(code_list=lists[list_key], code__in=allowed)
                )
