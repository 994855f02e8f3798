"""Deterministic generator of synthetic wire-text press releases for the benchmark.

Each release is about 6 KB of plain wire text in one of the forms the parser supports
(GlobeNewswire, Business Wire, PR Newswire, ACCESSWIRE), dated on a weekday between
2006-01-01 and 2025-12-31, and written as ``YYYY-MM-DD-<headline-slug>.txt``.
The same ``n`` and ``seed`` always give the same bytes.

    python bench/generate.py --releases 1000 --out /tmp/releases [--seed 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["generate", "slugify", "release_slug"]

COMPANY = "Cellectar Biosciences, Inc."
FIRST_DAY = dt.date(2006, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
SLUG_MAX = 80

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July",
             "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

# Product aliases as they appear in wire text (mostly the canonical spelling).
CLR131 = ["CLR 131"] * 18 + ["CLR131", "CLR-131"]
CLR125 = ["CLR 125"] * 18 + ["CLR125", "CLR-125"]
PDC = ["PDC platform", "phospholipid drug conjugate (PDC) delivery platform",
       "PDC delivery platform", "PDC technology platform"]

INDICATIONS = {
    "clr131": ["relapsed or refractory multiple myeloma", "multiple myeloma",
               "B-cell malignancies", "B-cell malignancies", "solid tumors"],
    "clr125": ["triple-negative breast cancer", "triple-negative breast cancer", "solid tumors"],
    "pdc": ["solid tumors", "a broad range of solid tumors"],
    "none": ["multiple myeloma", "B-cell malignancies", "solid tumors", "triple-negative breast cancer"],
}

PEOPLE = ["Andrea Holloway", "Marcus Feld", "Priya Raman", "Thomas Adeyemi", "Claire Donnelly",
          "Robert Lindqvist", "Helen Okafor", "Daniel Brandt", "Naomi Weiss", "Victor Salgado",
          "Laura Kettering", "Samuel Ito", "Rachel Morrow", "Evan Castellano", "Grace Whitcombe"]
EXEC_TITLES = ["president and chief executive officer", "chief medical officer",
               "chief financial officer", "chief scientific officer", "chief operating officer"]
NEW_ROLES = ["Chief Medical Officer", "Chief Financial Officer", "Chief Operating Officer",
             "Chief Business Officer", "Vice President of Clinical Development",
             "Vice President of Regulatory Affairs"]
CONFERENCES = ["BIO International Convention", "ASH Annual Meeting and Exposition",
               "AACR Annual Meeting", "ASCO Annual Meeting", "EHA Congress",
               "H.C. Wainwright Global Investment Conference", "SNMMI Annual Meeting",
               "Oppenheimer Healthcare Conference", "Jefferies Healthcare Conference",
               "International Myeloma Workshop", "Lymphoma and Myeloma Congress"]
CONTACTS = [
    ("Dana Whitfield", "Harbor IR Group, LLC", "212-555-0142", "dwhitfield@harbor-ir.example.com"),
    ("Owen Markham", "Northgate Communications", "646-555-0187", "omarkham@northgate.example.com"),
    ("Lena Brooks", "Meridian Investor Relations", "617-555-0113", "lbrooks@meridian-ir.example.net"),
    ("Investor Relations", COMPANY, "608-555-0100", "ir@cellectar.example.com"),
    ("Paul Verhoeven", "Crescent Life Science Advisors", "415-555-0166", "paul@crescent-ls.example.org"),
]
UNDERWRITERS = ["H.C. Wainwright & Co.", "Ladenburg Thalmann & Co. Inc.", "Oppenheimer & Co. Inc.",
                "Maxim Group LLC", "Roth Capital Partners"]

NEUTRAL = [
    "The company continues to prioritize programs where its targeted delivery approach can offer a meaningful benefit to patients.",
    "Management believes the milestones achieved this year position the company well for the next stage of development.",
    "The team remains focused on disciplined execution and careful stewardship of capital.",
    "The company expects to provide further updates as its programs advance.",
    "Cellectar works with leading academic centers and contract research organizations across the United States.",
    "Additional information is available in the company's filings with the Securities and Exchange Commission.",
    "The company has expanded its internal capabilities in radiochemistry, manufacturing and quality.",
    "Cellectar plans to seek collaborations that can broaden the reach of its pipeline.",
    "Supply agreements for the radioisotopes used in the company's programs have been extended.",
    "The company's scientific advisory board reviewed the program plans at its most recent meeting.",
    "Cellectar will host an update for investors later in the year.",
    "Patients and physicians have shown strong interest in the company's programs.",
    "The company intends to publish the full data set in a peer-reviewed journal.",
    "Enrollment is supported by investigators at several community and academic oncology practices.",
]

ABOUT_CLR131 = (
    "CLR 131 is an investigational compound under development for a range of hematologic malignancies. "
    "It is currently being evaluated in a Phase I clinical trial in patients with relapsed or refractory "
    "multiple myeloma. The company is also evaluating CLR 131 in a Phase II clinical study in a range of "
    "B-cell malignancies. Based upon pre-clinical and interim clinical data, treatment with CLR 131 provides a "
    "novel approach to treating hematological diseases and may provide patients with therapeutic benefits, "
    "including overall response rate (ORR), an improvement in progression-free survival (PFS) and overall "
    "quality of life. CLR 131 utilizes the company's patented PDC tumor targeting delivery platform to deliver "
    "a cytotoxic radioisotope, iodine-131 directly to tumor cells. The FDA has granted Cellectar an orphan drug "
    "designation for CLR 131 in the treatment of multiple myeloma.")
ABOUT_CLR125 = (
    "CLR 125 is a broad-spectrum, cancer-targeting, radiotherapeutic, which may be uniquely suited to treat "
    "micro-metastatic disease. CLR 125 uses the radioisotope iodine-125 conjugated to the company's proprietary "
    "phospholipid drug conjugate (PDC) delivery platform. Similar to CLR 131, the selective uptake and retention "
    "of CLR 125 has been observed in malignant tissues during pre-clinical studies. Funded by an NCI SBIR award, "
    "the company evaluated the feasibility and safety of CLR 125 for the treatment of triple-negative breast "
    "cancer (TNBC) in the (neo) adjuvant setting.")
ABOUT_PDC = (
    "Cellectar's product candidates are built upon its patented cancer cell-targeting delivery and retention "
    "platform of optimized phospholipid ether-drug conjugates (PDCs). The company deliberately designed its "
    "phospholipid ether (PLE) carrier platform to be coupled with a variety of payloads to facilitate both "
    "therapeutic and diagnostic applications. The basis for selective tumor targeting of our PDC compounds lies "
    "in the differences between the plasma membranes of cancer cells compared to those of normal cells. Cancer "
    "cell membranes are highly enriched in lipid rafts, which are glycolipoprotein microdomains of the plasma "
    "membrane of cells that contain high concentrations of cholesterol and sphingolipids. PDCs have been tested "
    "in more than 80 different xenograft models of cancer.")
ABOUT_COMPANY = (
    "Cellectar Biosciences is developing phospholipid drug conjugates (PDCs) designed to provide cancer targeted "
    "delivery of diverse oncologic payloads to a broad range of cancers and cancer stem cells. Cellectar's PDC "
    "platform is based on the company's proprietary phospholipid ether analogs. These novel small-molecules have "
    "demonstrated highly selective uptake and retention in a broad range of cancers. Cellectar's PDC pipeline "
    "includes product candidates for cancer therapy and cancer diagnostic imaging. The company's lead therapeutic "
    "PDC, CLR 131, utilizes iodine-131, a cytotoxic radioisotope, as its payload. The company is also developing "
    "PDCs for targeted delivery of chemotherapeutics such as paclitaxel (CLR 1603-PTX), a preclinical stage "
    "product candidate, and plans to expand its PDC chemotherapeutic pipeline through both in-house and "
    "collaborative R&D efforts. For more information please visit www.cellectar.com.")
FLS = (
    "This news release contains forward-looking statements. You can identify these statements by our use of "
    "words such as \"may,\" \"expect,\" \"believe,\" \"anticipate,\" \"intend,\" \"could,\" \"estimate,\" "
    "\"continue,\" \"plans,\" or their negatives or cognates. These statements are only estimates and "
    "predictions and are subject to known and unknown risks and uncertainties that may cause actual future "
    "experience and results to differ materially from the statements made. These statements are based on our "
    "current beliefs and expectations as to such future outcomes. Drug discovery and development involve a high "
    "degree of risk. Factors that might cause such a material difference include, among others, uncertainties "
    "related to the ability to raise additional capital, uncertainties related to the ability to attract and "
    "retain partners for our technologies, the identification of lead compounds, the successful preclinical "
    "development thereof, the completion of clinical trials, the FDA review process and other government "
    "regulation, our pharmaceutical collaborators' ability to successfully develop and commercialize drug "
    "candidates, competition from other pharmaceutical companies, product pricing and third-party "
    "reimbursement. A complete description of risks and uncertainties related to our business is contained in "
    "our periodic reports filed with the Securities and Exchange Commission including our Form 10-K for the year "
    "ended December 31, {fy}. These forward-looking statements are made only as of the date hereof, and we "
    "disclaim any obligation to update any such forward-looking statements.")

TOPICS = ["clinical"] * 30 + ["financial"] * 18 + ["offering"] * 12 + ["conference"] * 12 + \
    ["appointment"] * 10 + ["patent"] * 9 + ["regulatory"] * 9
WIRES = ["globe"] * 50 + ["businesswire"] * 20 + ["prn"] * 20 + ["accesswire"] * 10


def slugify(text: str) -> str:
    """Lower-case ASCII slug: runs of anything but letters and digits become one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def release_slug(date: dt.date, headline: str) -> str:
    """``YYYY-MM-DD-`` + headline slug cut at a word boundary to at most 80 characters."""
    slug = slugify(headline)
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX]
    return f"{date.isoformat()}-{slug}"


def _eastern_dst(day: dt.date) -> bool:
    """US Eastern daylight saving time on ``day`` (2007 rules, and the 2006 ones)."""
    def nth_sunday(month: int, n: int) -> dt.date:
        first = dt.date(day.year, month, 1)
        return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))
    if day.year < 2007:
        last_oct = dt.date(day.year, 10, 31)
        return nth_sunday(4, 1) <= day < last_oct - dt.timedelta(days=(last_oct.weekday() + 1) % 7)
    return nth_sunday(3, 2) <= day < nth_sunday(11, 1)


def _patent_number(rng: random.Random, day: dt.date) -> str:
    base = 6_980_000 + int((day - FIRST_DAY).days / 365.25 * 265_000)
    return f"{base + rng.randrange(150_000):,}"


@dataclass
class _Release:
    """One synthetic release being assembled."""
    day: dt.date
    wire: str
    topic: str
    products: list[str]
    indication: str
    headline: str = ""
    paragraphs: list[str] = field(default_factory=list)


class _Writer:
    """Builds release texts from one seeded random stream."""

    def __init__(self, rng: random.Random, artefacts: bool) -> None:
        self.rng = rng
        self.artefacts = artefacts

    # -- names ---------------------------------------------------------------------------------
    def product_name(self, pid: str) -> str:
        return self.rng.choice({"clr131": CLR131, "clr125": CLR125, "pdc": PDC}[pid])

    def lead_product(self, rel: _Release, title: bool = False) -> str:
        for pid in ("clr131", "clr125"):
            if pid in rel.products:
                return self.product_name(pid)
        return "Its Lead Radiotherapeutic Program" if title else "its lead radiotherapeutic program"

    def city(self, day: dt.date) -> tuple[str, str, str]:
        """(upper-case city, AP region, postal region) for the dateline."""
        if self.rng.random() < 0.1:
            return "NEW YORK", "", "NY"
        return ("MADISON", "Wis.", "WI") if day.year < 2018 else ("FLORHAM PARK", "N.J.", "NJ")

    # -- headline ------------------------------------------------------------------------------
    def headline(self, rel: _Release) -> str:
        r, y, p = self.rng, rel.day.year, self.lead_product(rel, title=True)
        ind = rel.indication
        prod = p if rel.products and rel.products[0] != "pdc" else (
            "Its Phospholipid Drug Conjugate Platform" if "pdc" in rel.products else "Its Targeted Radiotherapeutics")
        who = r.choice(["Cellectar Biosciences", "Cellectar"])
        phase = r.choice(["I", "II", "Ib", "I/II"])
        if rel.topic == "clinical":
            forms = [f"{who} Initiates Phase {phase} Clinical Trial of {p} in {ind.title()}",
                     f"{who} Reports Interim Data from Phase {phase} Study of {p} in {ind.title()}",
                     f"{who} Completes Enrollment of Cohort {r.randint(2, 8)} in Phase {phase} Trial of {p}",
                     f"{who} Doses First Patient in Phase {phase} Study of {p} for {ind.title()}",
                     f"{who} Announces Positive Safety Review for Cohort {r.randint(2, 8)} of {p} Phase {phase} Trial"]
        elif rel.topic == "financial":
            q = {1: "Fourth Quarter and Full Year", 2: "Fourth Quarter and Full Year", 3: "Fourth Quarter and Full Year",
                 4: "Fourth Quarter and Full Year", 5: "First Quarter", 6: "First Quarter", 7: "First Quarter",
                 8: "Second Quarter", 9: "Second Quarter", 10: "Second Quarter"}.get(rel.day.month, "Third Quarter")
            fy = y - 1 if q.startswith("Fourth") else y
            forms = [f"{who} Reports {q} {fy} Financial Results and Provides Corporate Update",
                     f"{who} Reports {q} {fy} Financial Results",
                     f"{who} to Report {q} {fy} Financial Results and Host Conference Call"]
        elif rel.topic == "offering":
            amt = r.choice([5, 6.5, 8, 10, 12, 15, 18.5, 20, 25, 30])
            forms = [f"{who} Announces Pricing of ${amt} Million Public Offering",
                     f"{who} Announces Closing of ${amt} Million Underwritten Public Offering of Common Stock and Warrants",
                     f"{who} Announces ${amt} Million Registered Direct Offering",
                     f"{who} Announces Exercise of Warrants for Gross Proceeds of ${amt} Million"]
        elif rel.topic == "conference":
            conf = r.choice(CONFERENCES)
            forms = [f"{who} to Present at the {y} {conf}",
                     f"{who} to Present {prod} Data at the {conf}",
                     f"{who} Announces Poster Presentation at the {y} {conf}"]
        elif rel.topic == "appointment":
            name = r.choice(PEOPLE)
            forms = [f"{who} Appoints {name} to Board of Directors",
                     f"{who} Names {name} {r.choice(NEW_ROLES)}",
                     f"{who} Announces Appointment of {name} as {r.choice(NEW_ROLES)}"]
        elif rel.topic == "patent":
            forms = [f"{who} Announces Additional US Patent Granted for {prod} in {ind.title()}",
                     f"{who} Receives Notice of Allowance for Patent Covering {prod}",
                     f"{who} Granted U.S. Patent No. {_patent_number(r, rel.day)} for {prod}"]
        else:
            forms = [f"{who} Receives FDA Orphan Drug Designation for {p} in {ind.title()}",
                     f"FDA Grants Fast Track Designation to Cellectar's {p} for {ind.title()}",
                     f"{who} Receives FDA Clearance of IND Application for {p}"]
        return r.choice(forms)

    # -- body ----------------------------------------------------------------------------------
    def dateline(self, rel: _Release) -> str:
        d, r = rel.day, self.rng
        city, ap, postal = self.city(d)
        ap_date = f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"
        place = f"{city}, {ap}" if ap else city
        if rel.wire == "globe":
            return f"{place}, {ap_date} (GLOBE NEWSWIRE) -- {COMPANY} (Nasdaq:CLRB)"
        if rel.wire == "businesswire":
            return f"{place}--(BUSINESS WIRE)--{COMPANY} (NASDAQ: CLRB)"
        if rel.wire == "prn":
            return f"{place}, {ap_date} /PRNewswire/ -- {COMPANY} (NASDAQ: CLRB)"
        return f"{city}, {postal} / ACCESSWIRE / {MONTHS[d.month - 1]} {d.day}, {d.year} / {COMPANY} " \
               f"({r.choice(['NASDAQ:CLRB', 'NASDAQ: CLRB'])})"

    def lead(self, rel: _Release) -> str:
        r, p, ind = self.rng, self.lead_product(rel), rel.indication
        desc = r.choice(["an oncology-focused clinical stage biotechnology company",
                         "a clinical stage biopharmaceutical company focused on cancer",
                         "a developer of targeted cancer therapeutics"])
        what = {
            "clinical": f"today announced progress in the Phase {r.choice(['I', 'II', 'I/II'])} clinical trial of {p} "
                        f"in patients with {ind}. The study is designed to assess safety, tolerability and "
                        f"preliminary efficacy across escalating dose cohorts.",
            "financial": f"today reported financial results for the quarter ended "
                         f"{r.choice(['March 31', 'June 30', 'September 30', 'December 31'])}, "
                         f"{rel.day.year if rel.day.month > 4 else rel.day.year - 1}, and provided a corporate update.",
            "offering": f"today announced the pricing of an underwritten public offering of "
                        f"{r.randint(2, 9)},{r.randint(100, 999)},{r.randint(100, 999)} shares of its common stock "
                        f"and warrants to purchase shares of common stock at a combined public offering price of "
                        f"${r.randint(1, 6)}.{r.randint(10, 99)}.",
            "conference": f"today announced that management will deliver a presentation at an upcoming "
                          f"investor and medical conference, including an overview of {p} in {ind}.",
            "appointment": f"today announced the appointment of {r.choice(PEOPLE)} to its board of directors, "
                           f"effective immediately.",
            "patent": f"today announced that the United States Patent and Trademark Office (\"USPTO\") has granted "
                      f"patent number {_patent_number(r, rel.day)}, which covers method of use for {p} "
                      f"for the treatment of {ind}.",
            "regulatory": f"today announced that the U.S. Food and Drug Administration (FDA) has granted orphan "
                          f"drug designation to {p} for the treatment of {ind}.",
        }[rel.topic]
        return f"{self.dateline(rel)}, {desc}, {what}"

    def quote(self, rel: _Release) -> str:
        r = self.rng
        first = r.choice([
            "This is an important step for our company and for the patients we hope to serve",
            "We are pleased with the progress our team has made over the past several months",
            "These results reinforce our confidence in our strategy",
            "We believe this milestone strengthens our position as we advance our pipeline",
        ])
        second = r.choice([
            "We look forward to sharing further updates in the coming quarters.",
            "Our focus remains on generating clinical data that can support registration.",
            "We will continue to execute against our development plan with discipline.",
            f"The work we are doing in {rel.indication} has the potential to change how these patients are treated.",
        ])
        return f"\"{first},\" said {r.choice(PEOPLE)}, {r.choice(EXEC_TITLES)} of Cellectar. \"{second}\""

    def topic_paragraphs(self, rel: _Release) -> list[str]:
        r, p, ind, y = self.rng, self.lead_product(rel), rel.indication, rel.day.year
        if rel.topic == "clinical":
            out = [f"The Phase {r.choice(['I', 'II'])} clinical trial is an open-label, dose-escalation study "
                   f"enrolling up to {r.randint(20, 90)} patients at {r.randint(4, 15)} sites. The primary endpoint "
                   f"is safety and tolerability, and secondary endpoints include overall response rate, "
                   f"progression-free survival and overall survival.",
                   f"To date, {r.randint(5, 40)} patients with {ind} have been treated. No dose-limiting "
                   f"toxicities were observed in cohort {r.randint(1, 5)}, and the independent data monitoring "
                   f"committee recommended the study continue as planned."]
        elif rel.topic == "financial":
            cash, rd, ga = r.randint(8, 60), r.uniform(1.5, 9), r.uniform(0.8, 4)
            out = [f"Cash and cash equivalents as of the end of the quarter were ${cash}.{r.randint(0, 9)} million, "
                   f"which the company believes is adequate to fund operations into {y + r.randint(1, 2)}.",
                   "Financial highlights for the quarter:\n"
                   f"• Research and development expenses of ${rd:.1f} million\n"
                   f"• General and administrative expenses of ${ga:.1f} million\n"
                   f"• Net loss of ${rd + ga:.1f} million, or ${r.uniform(0.05, 1.5):.2f} per share"]
            if r.random() < 0.5:
                a, b = int(rd * 1e6), int(rd * 1e6 * r.uniform(0.7, 1.2))
                c, d = int(ga * 1e6), int(ga * 1e6 * r.uniform(0.7, 1.2))
                out.append(f"{'':34}Three Months Ended\n"
                           f"{'':34}{y:>12}{y - 1:>14}\n"
                           f"{'Research and development':34}{a:>12,}{b:>14,}\n"
                           f"{'General and administrative':34}{c:>12,}{d:>14,}\n"
                           f"{'Net loss':34}{f'({a + c:,})':>12}{f'({b + d:,})':>14}")
        elif rel.topic == "offering":
            out = [f"{r.choice(UNDERWRITERS)} is acting as the sole book-running manager for the public "
                   f"offering. The offering is expected to close on or about "
                   f"{MONTHS[rel.day.month - 1]} {min(rel.day.day + 3, 28)}, {y}, subject to customary closing "
                   f"conditions. The warrants will be exercisable immediately and will expire five years from "
                   f"the date of issuance.",
                   "The company intends to use the net proceeds from the offering to fund clinical development, "
                   "for working capital and for general corporate purposes.",
                   "This press release shall not constitute an offer to sell or the solicitation of an offer to "
                   "buy these securities, nor shall there be any sale of these securities in any state or "
                   "jurisdiction in which such offer, solicitation or sale would be unlawful."]
        elif rel.topic == "conference":
            out = [f"Presentation details:\n"
                   f"Event: {r.choice(CONFERENCES)}\n"
                   f"Date: {MONTHS[rel.day.month - 1]} {rel.day.day}, {y}\n"
                   f"Time: {r.randint(8, 11)}:{r.choice(['00', '15', '30', '45'])} a.m. ET\n"
                   f"Location: {r.choice(['New York, NY', 'Boston, MA', 'San Diego, CA', 'Chicago, IL'])}",
                   "A live webcast of the presentation will be available on the investor relations section of "
                   "the company's website, and a replay will be archived for 90 days following the conference."]
        elif rel.topic == "appointment":
            out = [f"{r.choice(PEOPLE)} brings more than {r.randint(15, 30)} years of experience in oncology "
                   f"drug development, corporate finance and commercial strategy, most recently serving as "
                   f"{r.choice(EXEC_TITLES)} of a publicly traded biotechnology company.",
                   "With this appointment, the board of directors now comprises seven members, five of whom are "
                   "independent under Nasdaq listing rules."]
        elif rel.topic == "patent":
            out = [f"The granted patent covers the use of {p} for the potential treatment of {ind}, which "
                   f"include adrenal, lung, ovarian or cervical, prostate, liver, breast and colon cancers, "
                   f"as well as melanoma.",
                   f"The patent is expected to provide protection until {y + 20}, excluding any patent term "
                   f"extensions, and adds to an intellectual property portfolio of more than "
                   f"{r.randint(20, 150)} issued patents worldwide."]
        else:
            out = ["The FDA's Office of Orphan Products Development grants orphan drug designation to "
                   "therapies intended for the treatment of rare diseases that affect fewer than 200,000 people "
                   "in the United States. Orphan drug designation provides certain benefits, including seven "
                   "years of market exclusivity upon approval, tax credits for qualified clinical trials and a "
                   "waiver of application fees."]
        if "clr125" in rel.products:
            out.append(f"Separately, the company continues to evaluate {self.product_name('clr125')} for "
                       f"micro-metastatic disease, including triple-negative breast cancer.")
        if "pdc" in rel.products:
            out.append(f"The {self.product_name('pdc')} is designed to deliver diverse oncologic payloads "
                       f"selectively to cancer cells while sparing normal tissue.")
        return out

    def neutral(self) -> str:
        return " ".join(self.rng.sample(NEUTRAL, self.rng.randint(2, 4)))

    # -- assembly ------------------------------------------------------------------------------
    def body(self, rel: _Release, target: int) -> str:
        """Headline to end of release; pads with neutral paragraphs towards ``target`` bytes."""
        r = self.rng
        head: list[str] = []
        d = rel.day
        if rel.wire == "globe":
            head.append(f"{MONTHS[d.month - 1]} {d.day}, {d.year}")
        elif rel.wire == "businesswire":
            hh, mm = r.choice([(7, 0), (7, 30), (8, 0), (8, 30), (9, 0), (16, 5), (16, 30), (17, 30)])
            zone = "Eastern Daylight Time" if _eastern_dst(d) else "Eastern Standard Time"
            head.append(f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year} {(hh - 1) % 12 + 1:02d}:{mm:02d} "
                        f"{'AM' if hh < 12 else 'PM'} {zone}")
        headline = rel.headline
        if self.artefacts and len(headline) > 70 and r.random() < 0.05:
            cut = headline.rfind(" ", 0, 60)
            headline = headline[:cut] + "\n" + headline[cut + 1:]
        head.append(headline)
        if rel.topic == "clinical" and r.random() < 0.2:
            head.append(r.choice(["- Data to be presented at an upcoming medical meeting -",
                                  "- Enrollment expected to complete by year end -"]))
        main = [self.lead(rel), self.quote(rel), *self.topic_paragraphs(rel)]
        if "clr131" in rel.products and not re.search(r"CLR[ -]?131", "\n".join(head + main)):
            main.append(f"In the pipeline, {self.product_name('clr131')} continues to advance in {rel.indication}, "
                        f"with additional clinical data expected in {d.year + 1}.")
        tail = []
        for pid, title, text in (("clr131", "About CLR 131", ABOUT_CLR131),
                                 ("clr125", "About CLR 125", ABOUT_CLR125),
                                 ("pdc", "About Phospholipid Drug Conjugates (PDCs)", ABOUT_PDC)):
            if pid in rel.products:
                tail += [title, text]
        tail += ["About Cellectar Biosciences, Inc.", ABOUT_COMPANY, FLS.format(fy=d.year - 1)]
        contact = r.choice(CONTACTS)
        tail += ["CONTACT:" + ("\n" if r.random() < 0.5 else ""), "\n".join(contact),
                 f"Source: {COMPANY}"]
        if rel.wire in ("prn", "businesswire") and r.random() < 0.3:
            tail.append("###")

        def size() -> int:
            return sum(len(p) + 2 for p in head + main + tail)
        while size() < target - 250:
            main.insert(r.randint(2, len(main)), self.neutral())
        paras = head + main + tail
        if self.artefacts and r.random() < 0.1:  # a page break splitting a paragraph, like the seed
            i = max(range(len(paras)), key=lambda k: len(paras[k]) if k >= len(head) + 1 else 0)
            words = paras[i].split(" ")
            at = r.randint(len(words) // 3, 2 * len(words) // 3)
            brk = "\n\f\n" if r.random() < 0.3 else "\n\n"
            paras[i] = " ".join(words[:at]) + brk + " ".join(words[at:])
        lead_blank = "\n" if rel.wire == "globe" and r.random() < 0.5 else ""
        return lead_blank + "\n\n".join(paras) + "\n"

    def encode(self, text: str) -> bytes:
        """UTF-8 LF mostly; some CRLF, UTF-8 with BOM and Windows-1252 with curly quotes."""
        r = self.rng
        if not self.artefacts:
            return text.encode("utf-8")
        x = r.random()
        if x < 0.05:
            return text.replace("\"", "\u201c", 1).replace("\"", "\u201d", 1).replace("'s", "\u2019s").encode("cp1252")
        data = text.replace("\n", "\r\n") if x < 0.15 else text
        return ("\ufeff" + data).encode("utf-8") if x > 0.95 else data.encode("utf-8")


def _weekdays(rng: random.Random, n: int) -> list[dt.date]:
    span = (LAST_DAY - FIRST_DAY).days + 1
    days: list[dt.date] = []
    while len(days) < n:
        d = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        if d.weekday() < 5:
            days.append(d)
    return sorted(days)


def generate(n: int, out_dir: str | Path, seed: int = 2017, artefacts: bool = True) -> list[Path]:
    """Write ``n`` synthetic releases into ``out_dir`` (created if missing); return their paths, sorted.

    ``artefacts`` adds the wire quirks the parser must handle in small proportions (CRLF, BOM,
    Windows-1252, page-break splits, form feeds, wrapped headlines, ``###`` end marks).
    """
    rng = random.Random(seed)
    w = _Writer(rng, artefacts)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths: list[Path] = []
    for day in _weekdays(rng, n):
        products = [pid for pid, share in (("clr131", 0.5), ("clr125", 0.15), ("pdc", 0.4)) if rng.random() < share]
        ind_pool = INDICATIONS[products[0]] if products else INDICATIONS["none"]
        rel = _Release(day, rng.choice(WIRES), rng.choice(TOPICS), products, rng.choice(ind_pool))
        for attempt in range(50):
            rel.headline = w.headline(rel)
            if attempt >= 10:
                rel.headline = f"{['Update', 'Correction', 'Supplement'][attempt % 3]} {attempt}: {rel.headline}"
            slug = release_slug(day, rel.headline)
            # Compare on the first 64 letters and digits, so that any slugifier keeps them apart.
            key = day.isoformat() + re.sub(r"[^a-z0-9]", "", slug[11:75])
            if key not in taken:
                break
            if attempt % 5 == 4:
                rel.topic = rng.choice(TOPICS)
        else:  # pragma: no cover - 50 draws for one weekday never collide in practice
            raise RuntimeError(f"could not make a unique headline for {day}")
        taken.add(key)
        path = out / f"{slug}.txt"
        path.write_bytes(w.encode(w.body(rel, target=rng.randint(5600, 6600))))
        paths.append(path)
    return sorted(paths)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--releases N --out DIR [--seed S] [--clean-text]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", "-n", type=int, required=True, help="number of releases")
    ap.add_argument("--out", "-o", type=Path, required=True, help="directory to write into")
    ap.add_argument("--seed", type=int, default=2017, help="random seed (default 2017)")
    ap.add_argument("--clean-text", action="store_true",
                    help="plain UTF-8/LF text without wire artefacts (encodings, page breaks, wraps)")
    args = ap.parse_args(argv)
    paths = generate(args.releases, args.out, seed=args.seed, artefacts=not args.clean_text)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} releases, {total / max(len(paths), 1) / 1024:.1f} KiB average, to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
