"""The vocabulary of questions: verbs and the statuses they ask about, the words that open a
question, and the words that carry no item. Data only; kb.ask.parse applies it."""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVE = ("delivered", "committed")
# A pledge since delivered was pledged all the same.
PLEDGE = ("delivered", "committed", "offered")
ANY_STAGE = ("delivered", "committed", "offered")
DELIVERED = ("delivered",)
CANCELLED = ("cancelled",)

# Each verb in every form a question uses, with the statuses it asks about. Several words
# ("hand over", "set aside") are one verb. "received" and its kin turn the roles round
# (RECEIVING); "help" and its kin take the recipient as their object (HELPING).
VERB_FORMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (GIVE, "send sends sent sending"),
    (GIVE, "give gives gave given giving"),
    (GIVE, "provide provides provided providing"),
    (GIVE, "supply supplies supplied supplying"),
    (GIVE, "donate donates donated donating"),
    (GIVE, "contribute contributes contributed contributing"),
    (GIVE, "transfer transfers transferred transferring"),
    (GIVE, "hand|handed|hands|handing over|to|out"),
    (GIVE, "give|gave|given|giving|gives away|out"),
    (GIVE, "fly flies flew flown flying"),
    (GIVE, "airlift airlifts airlifted airlifting"),
    (GIVE, "ship ships shipped shipping"),
    (GIVE, "deploy deploys deployed deploying"),
    (GIVE, "dispatch dispatches dispatched dispatching"),
    (GIVE, "lend lends lent lending"),
    (GIVE, "grant grants granted granting"),
    (GIVE, "allocate allocates allocated allocating"),
    (GIVE, "approve approves approved approving"),
    (GIVE, "authorise authorises authorised authorising authorize authorizes authorized"),
    (GIVE, "release releases released releasing"),
    (GIVE, "channel channels channelled channeled channelling"),
    (GIVE, "disburse disburses disbursed disbursing"),
    (GIVE, "pay pays paid paying"),
    (GIVE, "spend spends spent spending"),
    (GIVE, "sign signs signed signing"),
    (GIVE, "put|puts|putting up|towards|toward|in"),
    (GIVE, "set|sets|setting aside"),
    (GIVE, "distribute distributes distributed distributing"),
    (GIVE, "get|got|gets|getting into|to"),
    (GIVE, "include includes included including"),
    (GIVE, "fund funds funded funding"),
    (GIVE, "finance finances financed financing"),
    (GIVE, "help helps helped helping"),
    (GIVE, "assist assists assisted assisting"),
    (GIVE, "support supports supported supporting"),
    (GIVE, "receive receives received receiving"),
    (GIVE, "get gets got gotten"),
    (GIVE, "obtain obtains obtained"),
    (GIVE, "go goes went gone"),
    (GIVE, "come comes came"),
    (PLEDGE, "pledge pledges pledged pledging"),
    (PLEDGE, "promise promises promised promising"),
    (PLEDGE, "commit commits committed committing"),
    (PLEDGE, "announce announces announced announcing"),
    (PLEDGE, "offer offers offered offering"),
    (PLEDGE, "agree|agreed|agrees to give|send|provide|supply|deliver|donate"),
    (DELIVERED, "deliver delivers delivered delivering"),
    (("sold",), "sell sells sold selling"),
    (("sold",), "buy buys bought buying"),
    (CANCELLED, "cancel cancels cancelled canceled cancelling"),
    (CANCELLED, "suspend suspends suspended suspending"),
    (CANCELLED, "pause pauses paused pausing"),
    (CANCELLED, "block blocks blocked blocking"),
    (CANCELLED, "withdraw withdraws withdrew withdrawn"),
    (CANCELLED, "hold|held|holds up"),
)
# Verbs whose subject receives: "what did Ukraine receive from Germany?".
RECEIVING = _set("receive receives received receiving get gets got gotten obtain obtains obtained")
# Verbs whose object receives: "who helped Turkey?".
HELPING = _set(
    "help helps helped helping assist assists assisted assisting support supports "
    "supported supporting fund funds funded finance finances financed"
)
# A buyer is the recipient of a sale: "did the Maldives buy drones from Turkey?".
BUYING = _set("buy buys bought buying")

AUXILIARIES = _set(
    "did does do has have had will would is are was were can could should been being be"
)
# Auxiliaries of a passive: "what has been delivered to Ukraine", "what relief has Libya
# been sent": its subject is not the giver.
PASSIVE_AUXILIARIES = _set("been was were be")
# Words for aid in general: "how much assistance" asks for a sum of money.
AID_WORDS = _set(
    "aid assistance help support relief contribution contributions donation donations "
    "pledge pledges commitment commitments package packages"
)
# Words for a gift, which a name before them gives: "the US package", "EU money".
GIFT_WORDS = _set(
    "package packages aid assistance money funding funds pledge pledges donation donations "
    "contribution contributions gift gifts grant grants loan loans support help"
)
# Prepositions that name the recipient after them, and those that name the giver.
TO_WORDS = _set("to for into towards toward at in")
FROM_WORDS = _set("from by")
# Words that end a name or an item phrase.
BREAK_WORDS = _set(
    "to for into towards toward at in from by after before since during with of on over "
    "under than as via through"
)
# Words of a question that carry no item: the gift in general, determiners, adverbs.
MONEY_WORDS = _set(
    "money funding funds fund cash finance financing dollars euros grant grants loan loans credit"
)
NO_ITEM_WORDS = _set(
    "away out off up and or but not "
    "aid help support assistance anything something things stuff relief donation "
    "donations contribution contributions commitment commitments pledge pledges gift "
    "gifts package packages kind kinds sort sorts type types what which the a an any some "
    "all its their his her our this that these those there so far total already actually "
    "ever yet still altogether overall now just also even really please exactly in-kind "
    "kind of much many humanitarian military financial emergency economic development "
    "reconstruction recovery budgetary budget bilateral additional new more further other "
    "own way ways worth value valued amount sum both each every"
)
# Words that count an item rather than name it ("sets of body armour", "tonnes of wheat").
UNIT_WORDS = _set(
    "set sets unit units piece pieces pallet pallets batch batches lot lots pair pairs "
    "number numbers tonne tonnes ton tons metric kg kilograms litres liters dose doses "
    "shipment shipments consignment consignments load loads"
)
# The words that open a question and say nothing of their own.
QUESTION_WORDS = _set("what which who whom how many much")
# Whom "which ... " asks about.
KIND_WORDS = {
    "countries": "country",
    "country": "country",
    "governments": "country",
    "government": "country",
    "states": "country",
    "nations": "country",
    "organisations": "organisation",
    "organizations": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "agencies": "organisation",
    "banks": "organisation",
}
# Whom a question asks about without a kind: "who", "which donors".
ANYONE_WORDS = _set("donors donor givers giver funders funder contributors")
RECIPIENT_WORDS = _set("recipients recipient beneficiaries")
