r"""The rules' vocabulary as data: triggers, number words, qualifiers, units, furniture.

Patterns are regular-expression fragments matched case-insensitively on word
boundaries. Order matters only where a comment says so. The modules that compile them
open a word with (?<!\w) rather than \b: before a word the two are the same boundary,
and Python's engine finds the lookbehind in about half the time (the benchmark's
extraction went from 231 to 270 articles a second).
"""

from __future__ import annotations

# Lines that are not reporting: gallery captions, credits, bylines, share buttons. A
# line is furniture when it begins with one of the first patterns, or ends with one of
# the second (which are tried on short lines only, as captions are short). Both match
# case-insensitively; the second is written in lower case, so that it can be folded.
FURNITURE_STARTS: tuple[str, ...] = (
    r"expand\b",
    r"autoplay\b",
    r"(?:photo|picture|image|video|photograph)s?\s*(?:credit)?\s*[:|]",
    r"(?:read more|also read|related|see also|watch|listen|share this|sign up|advertisement)\b",
    r"(?:by|reporting by|writing by|editing by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"(?:\s*(?:,|and|in)\s*[A-Z][\w.' -]{0,40})?\s*$",
    r"(?:category|published on|hits|tags?)\s*:",
    r"(?:articles|share|comments?|tweet|email|print)\s*$",
)
FURNITURE_ENDS: tuple[str, ...] = (
    r"\bin pictures",
    # A credit closes a short caption; "..., an official told Reuters." is reporting.
    r"^(?!.*\b(?:told|said|according to|reported|quoted by|cited by)\b)"
    r".*\b(?:afp|reuters|ap|getty images|epa|shutterstock)(?: via getty images)?\s*\.?",
)
# Captions are short; a longer line is judged by its start alone.
FURNITURE_LINE_LIMIT = 200

# Status triggers in order of precedence: the first status whose pattern occurs in
# the clause wins, so the hedges (cancelled, considering, offered) come before the
# plain verbs that they modify ("could send", "offered to provide").
STATUS_TRIGGERS: tuple[tuple[str, str], ...] = (
    (
        "cancelled",
        r"withdr[ae]w\w*|cancel+(?:ed|led|s|ling)?|paus(?:ed|es|ing)|block(?:ed|s|ing)"
        r"|suspend(?:ed|s|ing)|halt(?:ed|s|ing)|scrapp?(?:ed|ing)|failed to (?:get|win|secure)"
        r"|(?:has|have|had) frozen|froze",
    ),
    (
        "considering",
        r"(?:is|are|was|were) considering|consider(?:s|ing)?\b|could|might|may"
        r"|in talks|weigh(?:s|ing)|discuss(?:es|ing)|mull(?:s|ing)|exploring|looking into"
        r"|plans? to consider|not ruled? out|would consider",
    ),
    (
        "offered",
        r"offered|offers? to|offering|(?:is|are|was|were|stands?|stood) ready to|ready to"
        r"|readiness|willing(?:ness)? to|on standby"
        r"|(?:would have|has|have|needs?|still has) to be (?:signed off|approved|ratified)"
        r"|awaiting (?:approval|the approval)|pending approval"
        r"|subject to (?:approval|the approval)|if (?:congress|parliament) approves"
        r"|should \w+ request"
        r"|available,? should",
    ),
    (
        "sold",
        r"\bsold\b|\bsell(?:s|ing)?\b|\bsale\b|\bcontract(?:ed)?\b|\bpurchased?\b"
        r"|\bbought\b|\bbuy(?:s|ing)?\b|\border(?:ed)? from\b",
    ),
    (
        "delivered",
        r"(?:has|have|had) (?:already )?(?:been )?(?:sent|delivered|provided|donated"
        r"|supplied|given|handed|dispatched|shipped|deployed|transferred|contributed|released"
        r"|received|arrived|flown|airlifted|disbursed|paid|channelled|channeled)"
        r"|arrived|arriving|handed over|handovers?|hand-overs?"
        r"|previously (?:donated|sent|provided|given)"
        r"|reached|received|landed|took off|en route|was sent|were sent"
        r"|flew in|so far (?:sent|provided)|(?:has|have) been deployed|crossed|entered"
        r"|rolled into"
        # A bare participle after "being" is still under way: "are being donated".
        r"|(?<!being )(?:\bsent\b|\bdonated\b|\bgave\b|\bprovided\b|\bcontributed\b"
        r"|delivered|dispatched|shipped|supplied|airlifted|disbursed|flew|flown|deployed"
        r"|distributed|handed out)",
    ),
    (
        "committed",
        r"will|would|shall|is to|are to|(?:is|are) (?:sending|providing|giving"
        r"|donating|supplying|delivering|preparing|being)"
        r"|to be (?:sent|followed|delivered|provided)"
        r"|pledg\w*|promis\w*|announc\w*|approv\w*|agreed|allocat\w*|unveil\w*|commit\w*"
        r"|earmark\w*|set aside|includ\w*|plans? to (?:send|provide|give|donate|deliver)"
        r"|decided|authori[sz]\w*|to send|to provide|to donate|to deliver|to supply|to give"
        r"|readied|being readied|set to",
    ),
)

# Verbs and nouns that make a sentence about giving at all; a sentence with money
# or counted items but none of these words is background, not a commitment.
GIVING_WORDS = (
    r"send|sent|sending|provid\w*|give|gave|giving|given|donat\w*|deliver\w*|supply|suppli\w*"
    r"|pledg\w*|promis\w*|announc\w*|approv\w*|allocat\w*|commit\w*|offer\w*|dispatch\w*"
    r"|ship\w*|transfer\w*|hand\w* over|arriv\w*|reach\w*|receiv\w*|contribut\w*|unveil\w*"
    r"|package|aid|assistance|grant\w*|loan\w*|fund\w*|sold|sell\w*|sale|purchas\w*|buy"
    r"|earmark\w*|releas\w*|deploy\w*|airlift\w*|land\w*|took off|en route|includ\w*"
    r"|disburs\w*|extend\w*|lend\w*|lent|invest\w*|financ(?:e|es|ed|ing)|bailout|rescue package"
    r"|increas(?:e|es|ed|ing)"
    r"|handovers?|hand-overs?|guarantee[sd]?|guaranteeing"
    r"|ready|standby|consider\w*|gift\w*|assist\w*|relief|help(?:s|ed|ing)?|channel\w*"
    # "support" the verb, not the noun: "welcomed world support" gives nothing.
    r"|support(?:s|ed|ing)|(?:will|to) support|follow(?:s|ed)?|mobili[sz]\w*"
    r"|carrying|loaded with|laden with|crossed into|entered|rolled into|get|gets|got|getting"
    r"|distribut\w*|flew|flown|authori[sz]\w*|drawdowns?"
    r"|contain(?:s|ed|ing)?|compris(?:e|es|ed|ing)|consist(?:s|ed|ing)?|worth|valued?"
)

# The sentence is a request, an appeal or a need, not a gift.
REQUEST_WORDS = (
    r"appeal(?:ed|s|ing)? (?:for|to)|call(?:ed|s|ing)? for|ask(?:ed|s|ing)? (?:\w+ ){0,3}?for"
    r"|request(?:ed|s|ing)?"
    r"|wants?|wanted|urg(?:ed|es|ing)|needs?|needed|seek(?:s|ing)?|sought|lobby\w*"
    r"|hopes?|hoped|demand(?:ed|s|ing)?|begged|plead\w*|shortages? of|lack of|in need of"
    r"|warn(?:ed|s|ing)?|running out of|ran out of|call(?:ed|s|ing)? on"
    r"|(?:budget |funding |financing )?(?:gap|shortfall|deficit)s?"
)

# Verbs of a relative clause that asks for what it follows: "the 3 billion dollars which
# the organisation has requested".
REQUESTED_VERBS = r"requested|asked for|appealed for|sought|needs?|needed|is seeking|are seeking"
# Verbs that ask someone to act: "called on citizens to prepare", "urged allies to send".
ASKING_VERBS = (
    r"call(?:ed|s|ing)? on|urg(?:ed|es|ing)|ask(?:ed|s|ing)?|appeal(?:ed|s|ing)? to"
    r"|press(?:ed|es|ing)?"
)
# Phrases of a gift that answers a request, so the request is not the sentence's verb:
# "at Kyiv's request", "in response to an appeal".
ANSWERED_REQUEST = (
    r"at\s+(?:the\s+)?[\w’'-]+(?:['’]s)?\s+request|at the request of"
    r"|(?:in response|responding)\s+to\s+(?:a|the|an|\w+['’]s)\s+(?:request|appeal|call)\w*"
    r"|following\s+(?:a|the)\s+request"
)
# Nouns of handing over that take the goods after "of": "requested the supply of vaccines".
DELIVERY_NOUNS = r"supply|supplies|delivery|deliveries|provision|transfer|shipment"
# Verbs of intention before "to": "agreed to send" commits, where "appealed for $1bn to
# help" states a purpose. A tuple, as each is a fixed-width lookbehind of its own.
INTENTION_VERBS: tuple[str, ...] = (
    "agreed",
    "decided",
    "promised",
    "pledged",
    "offered",
    "planned",
    "plans",
    "intends",
    "is set",
    "ready",
    "willing",
    "prepared",
)
# Words of a donation, which buying in order to give still is: "bought tanks to donate".
DONATING = r"to (?:donate|give|gift|send|hand)|donat\w*"
# Modals that hedge a giving verb they govern: "could send", "may also be sent".
HEDGING_MODALS = r"could|might|may"
# Words of weighing a gift not yet decided: "is considering", "in talks".
WEIGHING_WORDS = r"consider(?:s|ing|ed)?|in talks|weighing|discussing"

# Words that negate the giving verb ("will not send", "refused to provide").
NEGATIONS = (
    r"(?:will|would|does|did|do|has|have|is|are|was|were|could|can|should)(?: not|n't)"
    r"|never|refused to|declined to|ruled out|no plans? to|won't|cannot|can't"
    r"|short of|instead of|rather than|without|not yet"
)
# Verbs that say what a donor could do, not what it does: "the authority allows the
# United States to transfer Humvees quickly".
CAPABILITY = r"allows?|allowed|allowing|enables?|enabled|enabling|would allow|authority to"
# Verbs of having: "the air force has 42 F-16s" is an inventory, not a gift.
POSSESSION = r"has|have|had|owns|owned|possess(?:es)?|operates?|fields?|holds?|keeps?"

# References to an actor named earlier: resolved to the last donor in the article.
ANAPHORA = (
    r"it|the country|the government|the kingdom|the administration|the ministry|officials?"
    r"|the (?:prime )?minister|the president|the chancellor|the foreign secretary"
    r"|the defen[cs]e (?:ministry|secretary|minister|department)|the spokesperson|he|she"
    r"|they|the package|the donation|this package|the aid|the latest package|the bloc"
    r"|the organi[sz]ation|the agency|the bank|the fund|the union|the alliance|the commission"
    r"|the council|the bloc|the kingdom|the emirates|the republic"
)

NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "one thousand": 1000,
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
    "a pair of": 2,
    "a couple of": 2,
    "a million": 1_000_000,
    "one million": 1_000_000,
    "a billion": 1_000_000_000,
    "half a million": 500_000,
    "half a billion": 500_000_000,
}

SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "milion": 1e6,  # a common misspelling
    "mio": 1e6,  # German "Mio."
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
}

# How exact a number is, from the words before it.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("up_to", r"up to|as many as|as much as|a maximum of|no more than"),
    ("over", r"over|more than|at least|upwards of|in excess of|above|a minimum of"),
    (
        "about",
        r"about|around|roughly|some|nearly|almost|approximately|approx\.?|close to"
        r"|an estimated|estimated|just under|just over|circa|c\.|more or less",
    ),
)

# Counted units that stand between a number and the goods ("70 pallets of bandages").
UNITS: tuple[str, ...] = (
    "pallet",
    "tonne",
    "ton",
    "metric ton",
    "metric tonne",
    "mt",
    "pair",
    "roll",
    "piece",
    "packet",
    "sachet",
    "bale",
    "drum",
    "jerrycan",
    "canister",
    "kilogram",
    "kg",
    "truck",
    "truckload",
    "lorry",
    "lorries",
    "container",
    "plane",
    "planeload",
    "aircraft",
    "flight",
    "shipment",
    "consignment",
    "batch",
    "round",
    "shell",
    "set",
    "kit",
    "box",
    "carton",
    "bag",
    "sack",
    "bottle",
    "litre",
    "liter",
    "gallon",
    "dose",
    "vial",
    "unit",
    "parcel",
    "package",
    "crate",
    "convoy",
    "member",
    "people",
    "personnel",
)

# Canonical items too vague to record on their own: kept only with a count or unit
# ("14 tonnes of relief aid"), never as a bare mention ("further vital aid").
UMBRELLA_ITEMS: frozenset[str] = frozenset(
    {
        "aid",
        "assistance",
        "equipment",
        "humanitarian aid",
        "humanitarian assistance",
        "help",
        "medical equipment",
        "medical supplies",
        "military aid",
        "military equipment",
        "relief",
        "relief aid",
        "relief material",
        "relief supplies",
        "supplies",
        "support",
        "weapons",
        "arms",
        "emergency supplies",
        "relief goods",
        "relief items",
        "materiel",
        "personnel",
        "staff",
        "people",
        "dose",
        "doses",
        "round",
        "rounds",
        "vaccine doses",
    }
)

# Words that may stand between a count and its item ("18 additional rocket systems");
# any other word in that place (a verb, a preposition) means the number counts
# something else.
COUNT_FILLER_STOP = (
    r"and|or|to|for|from|with|by|in|on|at|of|which|that|who|will|would|has|have|had|are|is"
    r"|was|were|be|been|the|its|their|his|her|as|than|per|each|including|worth|valued|mm"
    r"|km|miles?|metres?|meters?|years?|days?|weeks?|months?|hours?|minutes?|percent|per cent"
    r"|times|people|killed|dead|died|injured|wounded|homeless|displaced|residents|children"
    r"|soldiers|troops|casualties|victims"
)
# Words left off the front of an item phrase: they say how many, not what.
ITEM_LEAD_FILLERS = r"additional|more|new|further|extra|other|another|of|the|its|their"

# People counted after the team that they form ("a team of about 50 people").
TEAM_MEMBERS = r"people|personnel|members|staff|rescuers|experts|workers|specialists|medics"

# Prepositions and verbs after which an actor receives rather than gives.
RECIPIENT_CUES = (
    r"to|for|into|towards?|reach(?:ed|es)?|arrived in|land(?:ed)? in|help|helping|support"
    r"|supporting|assist|assisting|supply|supplying|provide|providing|give|giving|arm|arming"
    r"|equip|rebuild|benefit"
)
# Determiners and epithets between a recipient cue and the actor: "to the war-torn",
# "help neighbouring".
RECIPIENT_MODIFIERS = r"the|a|an|its|their|both|neighbouring|neighboring|war-torn|embattled"
# Verbs and nouns of travel: "flew to Washington" is a visit, not a gift.
TRAVEL_WORDS = (
    r"flew|fly|flying|travel\w*|went|go|going|returned|returning|visit\w*|trip|tour"
    r"|headed|heading|came|coming|moved|fled|fleeing|evacuated|back"
)
# Words before an actor that make it neither donor nor recipient ("the invasion of
# Ukraine", "imported from Germany", "built in Poland").
NON_SUBJECT_CUES = (
    r"to|for|into|towards?|in|at|with|against|from|of|by|on|than|between|across|over|via|through"
    r"|help|helping|support|supporting|supply|supplying|provide|providing|give|giving"
    r"|arm|arming|equip|invaded|attacked|attack|invade|into|inside|beat|defeat|defend|defending"
)
# Verbs of getting: "the hospital received a pump", "Ukraine got 14 jets".
GETTING_VERBS = r"receiv\w*|got|gets|get|obtain\w*"
# Verbs whose subject receives ("Ukraine received 14 jets from Poland").
# A passive with the recipient as subject receives too: "Mozambique was allocated 720,000
# doses".
RECEIVING_VERBS = (
    rf"{GETTING_VERBS}|accept\w*|welcom\w*|to get"
    r"|(?:was|were|has been|have been|will be|is being|are being) (?:allocated|given|granted"
    r"|offered|promised|sent|awarded|handed)(?! to\b| over\b| out\b| by\b)"
)
# Words that name what money is for; the nearest becomes the money row's item.
MONEY_ITEMS = (
    r"(?:(?:military|humanitarian|security|financial|economic|emergency|budget|macro-financial"
    r"|reconstruction|recovery|relief|development|defen[cs]e|food|winter|energy|new|additional"
    r"|further)\s+){0,2}(?:aid|assistance|package|loan|grant|funding|support|relief|contribution"
    r"|donation|financing|credit|budget support|help)s?"
)

# Words that make money military: "security assistance", "a drawdown".
MILITARY_MONEY_WORDS = r"military|security|defen[cs]e|weapons?|arms|drawdown"
# Words that make money humanitarian, failing military ones: "emergency relief".
HUMANITARIAN_MONEY_WORDS = r"humanitarian|relief|emergency|food|shelter|health|medical|refugees?"
# Nouns of money before "from X" that make X a funder, not the giver: "kits pre-positioned
# with funding from USAID".
FUNDING_NOUNS = r"funding|funds|money|financing|grants?|support"
# Nouns of a gift that name its giver before or after them: "a US donation of 453,600
# doses", "a gift from the UAE".
GIFT_NOUNS = (
    r"donations?|gifts?|grants?|contributions?|pledges?|consignments?|shipments?|handovers?"
    r"|guarantees?"
)
# Nouns of what a giver gives, after its demonym: "Canadian military aid", "the Danish
# contribution". The demonym names the giver of it.
GIVEN_NOUNS = rf"aid|assistance|support|packages?|funding|{GIFT_NOUNS}"

# Verbs of giving, without the nouns: a sentence whose subject is followed by one of
# these makes that subject the donor that later "it" and "the country" refer to.
GIVING_VERBS = (
    r"send|sent|sending|sends|provid(?:e|es|ed|ing)|give|gave|giving|gives|donat(?:e|es|ed|ing)"
    r"|deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)"
    r"|announc(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|allocat(?:e|es|ed|ing)|commit(?:s|t?ed|t?ing)?"
    r"|offer(?:s|ed|ing)?|dispatch(?:es|ed|ing)?|ship(?:s|ped|ping)?|transfer(?:s|red|ring)?"
    r"|hand(?:s|ed|ing)? over|contribut(?:e|es|ed|ing)|unveil(?:s|ed|ing)?|deploy(?:s|ed|ing)?"
    r"|step(?:s|ped|ping)? up|mobili[sz](?:e|es|ed|ing)|to follow|followed by|support(?:s|ed|ing)?"
    r"|reaffirm(?:s|ed|ing)?|disburs(?:e|es|ed|ing)|extend(?:s|ed|ing)?|lend(?:s|ing)?|lent"
    r"|flew|flown|distribut(?:e|es|ed|ing)|hand(?:s|ed|ing)? out|land(?:s|ed|ing)"
    r"|carried|carrying"
    r"|airlift(?:s|ed|ing)?|releas(?:e|es|ed|ing)|earmark(?:s|ed|ing)?|sold|sell(?:s|ing)?"
    r"|financ(?:e|es|ed|ing)|funded|gifted|granted"
)
# Participles of giving before "by X": "donated by Japan", "paid for by the EU".
GIVEN_PARTICIPLES = (
    r"donated|provided|given|sent|supplied|funded|pledged|offered|financed|crowdfunded"
    r"|gifted|delivered|promised|dispatched|shipped|paid for|bought|announced|approved"
    r"|allocated|committed|released|disbursed|granted|extended|contributed|made available"
    r"|supported"
)
# Words that open a clause going on with the sentence's subject: "..., and will also
# provide", "..., it said".
SAME_SUBJECT_STARTS = (
    r"it|they|he|she|also|will|would|has|have|had|is|are|was|were|later|to|plans?|pledged"
    r"|sent|promised|announced|said|added|could|may|might|can|should|must|\$|£|€"
)
# Verbs that put people on the ground: a team or staff counts as given only with one.
DEPLOYING_VERBS = r"sent|send|sending|dispatch\w*|deploy\w*|flown|flew|airlifted|arrived|arriving"

# Nouns after a demonym that make it speak for its state ("the Indian government",
# "German Air Force planes"); "Russian targets" or "Iranian pilots" do not.
AGENT_NOUNS = (
    r"government|officials?|ministry|minister|prime minister|president|chancellor|army|air force"
    r"|navy|military|armed forces|forces|defen[cs]e ministry|foreign ministry|embassy|authorities"
    r"|foreign office|federal foreign office|office|department|cabinet office"
    r"|administration|aid|assistance|donation|rescuers?|teams?|troops|soldiers|red cross"
    r"|red crescent|state|side|people|cabinet|parliament|delegation|envoy|ambassador|navy ship"
    r"|experts|doctors|medics|firefighters|volunteers|engineers|planes?|aircraft|ships?|convoy"
    r"|agency|development agency|disaster response|high commissioner|consul|mission"
    r"|loans?|grants?|funding|funds|ODA|contributions?|pledges?|credit|financing|help"
)
# Bodies that speak for the state named after "of": "the Government of Japan", "the
# Ministry of Foreign Affairs of Japan".
STATE_BODIES = (
    r"government|ministry|department|office|people|kingdom|republic|state|emirate|sultanate"
)
# Nouns after a capitalised name that make it a body the gazetteer may not know: "The
# Punjab government", "the Lahore city council".
INSTITUTION_NOUNS = (
    r"government|authorities|administration|province|municipality|council|foundation|trust"
    r"|company|group"
)
# Verbs of speaking: the speaker speaks for the donor ("..., the Pentagon said").
SPEAKING_VERBS = r"said|says|announced|told|stated|confirmed|added|noted|explained|tweeted|wrote"
# A giving verb whose object is a permission, not a thing: "gave the green light".
PERMISSION_WORDS = (
    r"green light|go-ahead|approval|permission|authori[sz]ation|clearance|nod|consent|blessing"
    r"|cleared the|allowed the transfer"
    r"|veto"
)

# Sums over many donors: without a donor named in the sentence they are nobody's gift.
# Verbs that add to an earlier gift: "increase its aid by X to Y" gives X; Y is the sum.
INCREASE_VERBS = r"increas\w*|rais(?:e|es|ed|ing)|boost\w*|top(?:s|ped|ping)? up|scal\w* up"
# Verbs that take from one: "cut the tranche by X to Y" leaves a gift of Y, and X is none.
DECREASE_VERBS = r"cut|cuts|cutting|reduc\w*|decreas\w*|lower(?:s|ed|ing)?|trim\w*"
TOTAL_WORDS = (
    r"a total of|the total|in total|total of|totals?|altogether|in all|combined|collectively"
    r"|overall|cumulative"
)

# Nouns after an item word that make it a modifier of something else: "a drone
# detection system", "ammunition dumps", "a Japanese think tank", "tank crews".
MODIFIED_HEADS = (
    r"detection|dumps?|depots?|factory|factories|plants?|production|strikes?|attacks?|pilots?"
    r"|crews?|operators?|training|maintenance|repairs?|makers?|manufacturers?|industry"
    r"|programmes?|programs?|technology|shortages?|prices?|market|battalions?|brigades?"
    r"|units? of|sector|infrastructure|facilities|facility|stations?"
    r"|programming|services|needs|security|insecurity|activities|interventions?|clusters?"
)
# Words before an item word that make it something else: "think tank".
NOT_ITEM_BEFORE = (
    r"think|septic|fish|petrol|gas|shark|by"
    r"|(?:via|aboard|on board)(?: an?| the)?(?: [A-Z][\w-]*){0,4}"
    # A modal before the word makes it a verb: "India will ship", "they could tank".
    r"|will|would|shall|can|could|may|might|must|should"
)
# Verbs of paying for goods: "will buy a NASAMS for Ukraine" buys it to give.
PAYING_VERBS = r"buy|buys|bought|buying|purchas\w*|procur\w*"
# Verbs of buying: "from X" after them names the seller, not the donor.
BUYING_VERBS = rf"{PAYING_VERBS}|order(?:s|ed|ing)?|acquir\w*|replac\w*"

# Words after a vehicle that make it the carrier of the aid, not the aid: "an
# aircraft carrying 14 tonnes", "trucks loaded with flour".
CARRYING = (
    r"carrying|loaded with|laden with|transporting|transported|carried|ferried|ferrying"
    r"|filled with|packed with|bringing"
)

# Vehicles that carry aid: "a flight from Kuwait carrying", "two C-130 flights with
# medicines".
CARRIERS = r"flights?|planes?|aircraft|ships?|vessels?|convoys?|trucks?|lorries"
# Nouns of goods on their way, which come "from" where they were sent: "a consignment
# from Japan".
SHIPMENTS = r"shipments?|consignments?|airlifts?|cargo"
# Carriers counted as units of a load, whose contents follow "with": "a lorry with
# tents", "three planeloads with medicines".
CARRIER_LOADS = r"lorry|planeloads?|truckloads?"

# "The commission has also mobilised 2.35m euros": the noun says which kind of actor
# named before is meant. Kinds are those of the gazetteer (countries.tsv, organisations.tsv).
TYPED_ANAPHORA: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "kingdom": ("country",),
    "government": ("country",),
    "nation": ("country",),
    "emirate": ("country",),
    "republic": ("country",),
    "commission": ("union",),
    "bloc": ("union",),
    "union": ("union",),
    "council": ("union",),
    "bank": ("bank",),
    "lender": ("bank", "union"),
    "fund": ("bank", "un_agency"),
    "agency": ("un_agency",),
    "organisation": ("un_agency", "ngo", "red_cross"),
    "organization": ("un_agency", "ngo", "red_cross"),
    "charity": ("ngo", "red_cross"),
    "alliance": ("alliance",),
    "society": ("red_cross", "ngo"),
}

# Verbs of battle: what is destroyed, captured or lost is no gift ("destroyed 20
# Russian tanks with Javelins supplied by the US").
BATTLE_VERBS = (
    r"destroy(?:s|ed|ing)?|captur(?:e|es|ed|ing)|los(?:e|es|t|ing)|shot down|shoot down"
    r"|damag(?:e|es|ed|ing)|knock(?:s|ed)? out|seiz(?:e|es|ed|ing)|abandon(?:s|ed|ing)?"
    r"|hit|struck|downed|intercept(?:s|ed|ing)?"
)

# Plural givers that name nobody: "Gulf allies pledged $41bn", "donors promised $9bn".
# With one of these as the subject, no donor is taken from earlier sentences.
UNNAMED_GIVERS = (
    r"donors|allies|countries|nations|governments|partners|states|members|lenders"
    r"|creditors|community|others|neighbou?rs|companies|firms|charities|organi[sz]ations"
    r"|agencies|well-wishers|individuals|people|citizens|diaspora"
)

# Words after an actor that make it a description of another ("the first Nato member",
# "EU member states"), not the giver.
DESCRIBED_BY = (
    r"members?|member states?|ally|allies|partners?|countries|country|states?|nations?"
    # "the Ukraine Fund", "the Ukraine Facility": a name that modifies a noun names no actor.
    r"|funds?|facility|facilities|programmes?|programs?|trust|initiative|platform|mechanism"
    # "plan", not "plans": "the EIB plans new loans" is a verb.
    r"|compact|plan|recovery|reconstruction|window|envelope"
)
# Words before an uncounted item that make it the content of a larger gift already
# counted ("14 tonnes of relief aid, loaded with blankets and hygiene kits").
CONTENTS = (
    r"including|such as|comprising|containing|consisting of|loaded with|laden with"
    r"|made up of|among them|in the form of"
)
# Words before an uncounted item that make it what a gift is for ("generators to keep
# hospitals and shelters running").
PURPOSE = (
    r"to (?:keep|help|run|support|protect|power|heat|light|rebuild|repair|restore|equip"
    r"|reopen|serve|reach|treat)|(?:go|going|went) to|destined for|bound for"
)
# Words between an amount and an uncounted item that make the item what the money
# pays for ("$2 million through USAID for water and sanitation"), not a gift of its own.
MONEY_PURPOSE = (
    r"for|to buy|to purchase|to fund|to pay for|to be spent on|spent on|to cover|to procure"
    r"|to finance|earmarked for|in the form of|to provide|to supply|to deliver|to distribute"
)
# Words after goods that make them describe money: "shelters and essential supplies
# worth 15 million pounds".
VALUATION = r"worth|valued at|at a cost of|costing"
# Determiners before an uncounted item that point back at one named before: "the
# vehicles", "these jets", "such unique armoured vehicles".
POINTING_DETERMINERS = r"the|these|those|such|its|their|our|his|her"
# Words right before a count that make it point back, not count a new gift: "the two
# neighbours", "its 14 tanks", "one of 14".
DEFINITE_BEFORE_COUNT = r"the|these|those|its|their|our|his|her|your|my"
# "12 of its jets", "30 of our tanks": a count of part of the giver's own stock. ("12 of
# the howitzers" points back to ones already counted; "300 of its own soldiers" are kept.)
PARTITIVE = r"of\s+(?:its|their|our|his|her)\s+(?!own\b)"
# Words between a verb of having and its count: "has a total of 42 F-16s".
POSSESSION_FILLERS = r"a total of|only|about|around|some"
# Verbs after money as a subject that make the goods it names what it pays for: "These
# funds will help provide", "Funding to UNICEF enables".
MONEY_SUBJECT_VERBS = r"will|would|can|could|helps?|enables?|is|are"
# A count per day or week is a rate, not a gift: "500 trucks a day entered Gaza".
RATES = r"(?:a|per|each|every) (?:day|week|month|year)|daily|weekly|monthly"
# Rupees and similar symbols name the currency of the country the article is about.
_RUPEES = {"PAK": "PKR", "LKA": "LKR", "NPL": "NPR", "MUS": "MUR", "SYC": "SCR", "IND": "INR"}
# A bare dollar is the donor's own where its country has one, unless the text names
# the US dollar ("US$", "USD").
_DOLLARS = {"CAN": "CAD", "AUS": "AUD", "NZL": "NZD"}
# Crowns are Czech, Danish, Swedish, Norwegian or Icelandic: whose, the country says.
_CROWNS = {"CZE": "CZK", "DNK": "DKK", "SWE": "SEK", "NOR": "NOK", "ISL": "ISK"}
CONTEXT_CURRENCIES: dict[str, dict[str, str]] = {
    "Rs": _RUPEES,
    "Rs.": _RUPEES,
    "rupees": _RUPEES,
    "$": _DOLLARS,
    "dollars": _DOLLARS,
    "crowns": _CROWNS,
    "kroner": _CROWNS,
    "krone": _CROWNS,
}

# Debts are owed, not given: "the Maldives owes $1.4bn to Chinese lenders".
DEBT_WORDS = r"owes?|owed|owing|debts?|arrears|repay\w*|borrow\w*|outstanding"

# Words that make a capitalised name with a bracketed acronym an organisation the
# gazetteer may not know: "Horn Aid Network (HAN)", "Caribbean Development Bank (CDB)".
ORGANISATION_WORDS = (
    r"Network|Foundation|Fund|Bank|Agency|Organi[sz]ation|Society|Committee|Council|Group"
    r"|Programme|Program|Institute|Association|Alliance|Trust|Corps|Commission|Cent(?:re|er)"
    r"|Federation|Union|Mission|Service|Relief|Aid|Charity|Crescent|Cross|Coalition"
    r"|Initiative|Facility|Authority for Development"
)

# Words before an item that make it a need, not a gift: "left people without shelter".
NEED_BEFORE = (
    r"without|lacking|lack of|short of|shortages? of|need(?:s|ed)? for|in need of|no access to"
    r"|running out of|ran out of|demand for|calls? for|appeals? for|requests? for|ask(?:s|ed)? for"
)
# Nouns after a plain item word that make it a modifier of infrastructure: "repair water
# systems"; a designation ("Patriot systems") is the item itself.
INFRASTRUCTURE_HEADS = r"systems?|networks?|pipes|pipelines|points|sources|infrastructure|plants?"

# Counted things that are no gift whatever verb governs them: people helped or hurt,
# spans of time, measures, and the channels money goes through. An open noun phrase
# ("40 bicycles") whose head is one of these is not an item.
NOT_GIFT_HEADS = (
    r"people|persons|families|households|children|kids|refugees|residents|patients|students"
    r"|pupils|civilians|victims|survivors|beneficiaries|individuals|women|men|girls|boys|babies"
    r"|infants|mothers|citizens|migrants|inhabitants|villagers|farmers|communities|members"
    r"|soldiers|troops|casualties|deaths|lives|injuries|cases|countries|nations|states"
    r"|organi[sz]ations|agencies|partners|donors|regions|provinces|districts|cities|towns"
    r"|villages|sites|locations|areas|municipalities|years|months|weeks|days|hours|minutes"
    r"|seconds|times|percent|points|degrees|kilometres|kilometers|miles|metres|meters|km"
    r"|projects|programmes|programs|packages|tranches|instalments|installments|rounds of talks"
    r"|dollars|euros|pounds|francs|yen|rupees|crowns|kroner|kronor|cents|shares|votes"
    r"|meetings|talks|visits|trips|calls|steps|ways|things|others|questions|languages"
    r"|sanctions|attacks|strikes|missions|sources|entries|percentages|hectares|acres"
    r"|neighbou?rs|allies|friends|sides|parties|leaders|ministers|officials|governments"
)
# Heads of a singular phrase that name no thing that can be handed over: "promised an
# all-out effort", "received an official call". Abstract suffixes are judged in code.
ABSTRACT_HEADS = (
    r"effort|call|hand|role|voice|boost|lifeline|signal|message|statement|visit|trip|plan|deal"
    r"|response|chance|opportunity|step|way|total|sum|amount|figure|number|lot|part|share|bit"
    r"|signal|sign|word|view|hope|need|wish|request|appeal|bid|offer|pledge|promise|decision"
    r"|meeting|conference|summit|phone|speech|press|report|package|fund|budget|year|month|week"
    r"|day|time|while|result|record|rise|increase|cut|loss|gain|focus|priority|point|place"
)
# Words after which a counted noun phrase is what is given: verbs of giving, the nouns
# of a gift followed by "of" ("the handover of 12 ambulances"), and the verbs that
# open a list of contents ("The shipment included 5 generators, ...").
OBJECT_CUES = (
    rf"(?:{GIVING_VERBS})|includ(?:e|es|ed|ing)|compris(?:e|es|ed|ing)|consist(?:s|ed|ing)? of"
    r"|contain(?:s|ed|ing)?|(?:delivery|deliveries|donation|handover|hand-over|transfer"
    r"|shipment|consignment|gift|provision|supply|dispatch|contribution|batch|airlift)\s+of"
    r"|such as|as well as|airlift(?:s|ed|ing)?|fl(?:y|ies|ying)|fund(?:s|ed|ing)?"
    r"|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got"
    r"|hand(?:s|ed|ing)? over|gift(?:s|ed|ing)?|loan(?:s|ed|ing)?"
)
# Words that may follow a counted noun phrase, closing it: "40 bicycles to Haiti".
COUNTED_PHRASE_ENDS = (
    r"and|or|to|for|from|with|in|on|at|by|as|worth|valued|which|that"
    r"|will|would|were|was|are|is|have|has|had|each|via|through|into|under|including|over"
    r"|since|after|before|per|a"
)
# Words that may follow a singular noun phrase, closing it: "a water pump to the clinic".
SINGLE_PHRASE_ENDS = r"and|to|for|from|with|in|on|at|by|worth|valued|which|that"
# Words that may follow a vaguely counted noun phrase, closing it: "hundreds of tents for".
VAGUE_PHRASE_ENDS = (
    r"and|or|to|for|from|with|in|on|at|by|via|through|into|which|that"
    r"|will|were|was|are|is|have|has|had|essential"
)
# Word stems that make an item no table lists military rather than humanitarian.
MILITARY_STEMS = (
    r"weapon|gun|rifle|missile|rocket|mortar|grenade|mine|munition|launcher|drone|armou?r"
    r"|military|combat|tactical|ballistic|helmet|vest|radar|sniper|artillery|bomb"
)
# The marks that open an entry of a list: "1.", "(2)", "2)", "(a)", "a)", "-", "•", "*".
ENUMERATOR = r"\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h]\)|[-–•*·▪]"
# A text that speaks as its issuer: "we will provide", "I am authorizing our drawdown".
FIRST_PERSON = r"[Ww]e|[Oo]ur|[Uu]s|I"
# Words before a list of uncounted sectors that make them what aid is for, not goods
# given: "assistance in such areas as shelter, health, water and food".
SECTOR_CUES = (
    r"such areas as|areas such as|sectors? such as|fields? such as|in the (?:areas?|fields?"
    r"|sectors?) of|access to|provision of|assistance for|support for|needs for|needs in"
)
# A clause whose subject is the money itself ("These funds will help provide emergency
# food", "Funding to UNICEF will ensure ..."): the goods it names are what it pays for.
MONEY_SUBJECTS = r"funds?|funding|grants?|contributions?|money|allocations?|financing"
# Nouns of hostility: "assaults from Russia" names an attacker, never a giver.
HOSTILE_NOUNS = (
    r"attacks?|assaults?|aggression|invasion|threats?|strikes?|bombardments?|shelling|war"
    r"|fire|raids?|incursions?|offensive"
)
# Counts that say "many" without a number: the item is given, its count is unknown.
VAGUE_COUNTS = (
    r"hundreds|thousands|dozens|tens of thousands|hundreds of thousands|millions|scores"
    r"|several|numerous|many|various"
)
# Common verbs in -s that follow a noun, so that "tents arrives" or "aid remains" is not
# read as a noun modifying a plural one.
VERBS_IN_S = (
    r"includes|contains|remains|arrives|goes|comes|helps|means|needs|seems|makes|takes|gets"
    r"|shows|says|adds|brings|covers|consists|follows|lets|leaves|looks|keeps|runs|stands"
    r"|also|now|still|already|again|too|as|was|is|has|does"
)
# A tracker's own voice: "This entry records CAD 1 million going to CANADEM", "Here, we
# report EUR 25 million". The figure is the donor the text is about, however far back it
# was named.
RECORDING_VOICE = (
    r"(?:this|the|each) (?:entry|row|record|item)\s+(?:\w+\s+)?(?:records?|reports?|includes?"
    r"|covers?|captures?|displays?|accounts? for|lists?|shows?)"
    r"|we\s+(?:\w+\s+)?(?:record|report|add|include|account for|attribute|count|list|code"
    r"|assume|split)"
)
# Units as news abbreviates them, and the name a record gives them.
UNIT_NAMES: dict[str, str] = {
    "mt": "tonnes",
    "metric ton": "tonnes",
    "metric tons": "tonnes",
    "metric tonne": "tonnes",
    "metric tonnes": "tonnes",
}
# The auxiliaries of a passive whose subject is what is given: "20 tanks were sent",
# "the first tranche has been delivered".
PASSIVE_AUXILIARIES = (
    r"were|was|will be|have been|has been|had been|are being|is being|are to be|is to be"
)
# What kind of report a figure is (kb.extract.kinds): a part of a commitment, a running
# total of a donor's giving, or (neither) a new commitment. Words of how aid is reported,
# not of any one donor or item.
# A part: the figure is a share of a whole stated elsewhere ("a tranche of EUR 1.5bn",
# "the first four", "EUR 1bn of it", "paid out of the fund").
PART_BEFORE = (
    r"(?:tranche|instal?ments?|disbursements?|batch|portion|share|slice)\s+(?:\w+\s+){0,2}of"
    r"|(?:the\s+)?first(?:\s+(?:batch|tranche|instalment|delivery|shipment)\s+of)?"
    r"|(?:of|from)\s+(?:which|this|that|it|these|those)\s*,?"
    r"|(?:the\s+)?(?:remaining|remainder\s+of|rest\s+of|balance\s+of)(?:\s+the)?"
)
PART_AFTER = (
    r"(?:\S+\s+){0,3}(?:tranche|instal?ment|disbursement)"
    r"|(?:\S+\s+){0,6}(?:(?:as|is|was|forms?|forming)\s+(?:the\s+)?(?:first\s+)?part\s+of"
    r"|(?:paid\s+|drawn\s+|taken\s+)?(?:out\s+of|from)\s+(?:the|an?|its|their)\s+"
    r"(?:\w+\s+){0,4}(?:fund|facility|envelope|package|programme|program|pledge|allocation))"
)
# A running total: the figure sums what the giver has given so far ("bringing its aid to",
# "a total of", "14 in all", "so far", "since the invasion", "since March 2022").
TOTAL_BEFORE = (
    r"bringing\s+(?:\w+\s+){0,5}to|brings\s+(?:\w+\s+){0,5}to|(?:a|the)\s+total\s+of"
    r"|total(?:s|led|ing|ling)?|in\s+(?:total|all)\s*,?|altogether\s*,?|cumulative(?:ly)?"
    r"|(?:has|have)\s+(?:so\s+far|to\s+date)(?:\s+\w+){0,2}"
)
TOTAL_AFTER = (
    r"(?:\S+\s+){0,4}(?:in\s+total|in\s+all|so\s+far|to\s+date|altogether|all\s+told"
    r"|since\s+(?:the\s+)?(?:start|beginning|onset|invasion|war|outbreak|crisis|disaster"
    r"|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:19|20)\d\d))\b"
)
# A new commitment beside earlier ones, whatever else the clause says ("another 30",
# "a further EUR 500m", "additional"): checked after the parts, since "a further tranche"
# is still a part.
NEW_BEFORE = r"another|a\s+further|further|additional|an\s+extra|extra"
# A sentence that calls something said before a part of a whole: "The loan is part of a
# package of up to EUR 18bn", "This tranche was the first part of". Its subject is a
# definite noun phrase; the noun ends it.
REFERS_AS_PART = (
    r"(?:The|This|That|Its|Their|These|Those)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z]{3,})\s+"
    r"(?:is|was|are|were|forms?|formed|comes|came)\s+(?:as\s+)?"
    r"(?:(?:the\s+)?(?:first|second|third|latest|next|final)\s+)?"
    r"(?:part|a\s+part|a\s+tranche|an\s+instal?ment|a\s+share|a\s+portion)\s+of\b"
)
# What kind of money a sum is, where the words next to it say (kb.extract.kinds): grants,
# loans and guarantees are not one kind of money, and a sum must not add them together.
# In order of precedence where two cues are equally near ("a loan guarantee").
FINANCE_CUES: tuple[tuple[str, str], ...] = (
    (
        "debt_relief",
        r"debt\s+(?:relief|forgiveness|cancell?ation|write-?offs?|swaps?|suspension)"
        r"|writ(?:e|es|ing|ten)\s+off|wrote\s+off",
    ),
    ("guarantee", r"guarantees?|guaranteed"),
    (
        "loan",
        r"loans?|credits?|credit\s+lines?|lending|lends?|lent|borrowing|concessional"
        r"|repayable|(?:extended\s+)?fund\s+facility|financing\s+facility",
    ),
    ("grant", r"grants?|non-repayable|donations?|donated|donating|free\s+of\s+charge|gifts?"),
    ("in_kind", r"in[-\s]kind|worth\s+of|valued\s+at|value\s+of"),
)
