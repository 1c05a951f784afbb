"""Controlled vocabularies of the interventions dataset."""

from __future__ import annotations

# Themes, from the documents' own: VLIR-UOS's central themes (environment; food
# security and agriculture; health; economy; government & society) and its
# transversal ones (institutional strengthening, quality of research and education),
# which also hold Enabel's, FUNIBER's, impulSAS's and the EU's priority areas.
THEMES = (
    "environment",
    "food security and agriculture",
    "health",
    "economy",
    "government and society",
    "education and institutional strengthening",
)

# As the source document states it, at the document's date.
STATUSES = ("planned", "ongoing", "completed", "unknown")

# national: the whole country; unspecified regions: some regions the document does
# not name ("five regions", "the Amazon"); subnational: the places listed.
SCOPES = ("subnational", "unspecified regions", "national")

# IATI location-reach: 1 the activity happens here, 2 beneficiaries live here.
REACH = {"1": "activity happens here", "2": "beneficiaries live here"}

# ISO 4217 active currency codes (2024 list).
CURRENCIES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP
DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS
VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA XXX
YER ZAR ZMW ZWL
""".split())
