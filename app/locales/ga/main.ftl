# Focail Sheisiún i nGaeilge. Tá leathchúpla i ../en/main.ftl ag gach teachtaireacht anseo
# (teipeann `catalog_tests` mura bhfuil). Luachanna: { $name }.

## Gach leathanach

site-description = Aimsigh seisiúin cheoil thraidisiúnta na hÉireann gar duit anocht.
skip-to-content = Léim go dtí an t-ábhar
nav-label = Príomh
nav-browse = Brabhsáil
nav-search = Cuardaigh
nav-near = In aice liom
nav-add = Cuir leis
nav-sign-in = Sínigh isteach
footer-tagline = Seisiún — seisiúin cheoil thraidisiúnta na hÉireann, roinnte ag na daoine a sheinneann iontu.

## Laethanta, dátaí agus amanna

weekday = { $day ->
    [mon] Dé Luain
    [tue] Dé Máirt
    [wed] Dé Céadaoin
    [thu] Déardaoin
    [fri] Dé hAoine
    [sat] Dé Sathairn
   *[sun] Dé Domhnaigh
}
weekday-short = { $day ->
    [mon] Luan
    [tue] Máirt
    [wed] Céad
    [thu] Déar
    [fri] Aoine
    [sat] Sath
   *[sun] Domh
}
# An lá a bhíonn seisiún seachtainiúil ann: "Déardaoin ó 21:30".
weekday-every = { $day ->
    [mon] Luan
    [tue] Máirt
    [wed] Céadaoin
    [thu] Déardaoin
    [fri] Aoine
    [sat] Satharn
   *[sun] Domhnach
}
month-short = { $month ->
    [1] Ean
    [2] Feabh
    [3] Márta
    [4] Aib
    [5] Beal
    [6] Meith
    [7] Iúil
    [8] Lún
    [9] MFómh
    [10] DFómh
    [11] Samh
   *[12] Noll
}
list-and = { $init } agus { $last }
date = { $weekday } { $day } { $month }
date-with-year = { $weekday } { $day } { $month } { $year }
time-from = ó { $start }
when-now = anois
when-tonight = anocht { $time }
when-today = inniu { $time }
when-tomorrow = amárach { $time }
when-weekday = { $weekday } { $time }
schedule-weekly = { $interval ->
    [1] Gach { $days } { $when }
    [2] Gach re seachtain: { $days } { $when }
   *[other] Gach { $interval } seachtaine: { $days } { $when }
}
# "An chéad Mháirt", "an dara hAoine", "an Aoine dheireanach": the forms differ by week
# (lenition after "chéad", h before a vowel after "dara", "tríú", "ceathrú") and by the
# day's gender (feminine days take a lenited article form and adjective).
schedule-monthly = { $week ->
    [first] { $day ->
        [mon] An chéad Luan
        [tue] An chéad Mháirt
        [wed] An chéad Chéadaoin
        [thu] An chéad Déardaoin
        [fri] An chéad Aoine
        [sat] An chéad Satharn
       *[sun] An chéad Domhnach
    }
    [second] { $day ->
        [mon] An dara Luan
        [tue] An dara Máirt
        [wed] An dara Céadaoin
        [thu] An dara Déardaoin
        [fri] An dara hAoine
        [sat] An dara Satharn
       *[sun] An dara Domhnach
    }
    [third] { $day ->
        [mon] An tríú Luan
        [tue] An tríú Máirt
        [wed] An tríú Céadaoin
        [thu] An tríú Déardaoin
        [fri] An tríú hAoine
        [sat] An tríú Satharn
       *[sun] An tríú Domhnach
    }
    [fourth] { $day ->
        [mon] An ceathrú Luan
        [tue] An ceathrú Máirt
        [wed] An ceathrú Céadaoin
        [thu] An ceathrú Déardaoin
        [fri] An ceathrú hAoine
        [sat] An ceathrú Satharn
       *[sun] An ceathrú Domhnach
    }
   *[last] { $day ->
        [mon] An Luan deireanach
        [tue] An Mháirt dheireanach
        [wed] An Chéadaoin dheireanach
        [thu] An Déardaoin deireanach
        [fri] An Aoine dheireanach
        [sat] An Satharn deireanach
       *[sun] An Domhnach deireanach
    }
} den mhí, { $times }
schedule-once = { $date } { $when }

## Scagairí agus clibeanna

filter-when = { $when ->
    [tonight] ar siúl anocht
   *[week] an tseachtain seo
}
filter-day = { $day ->
    [mon] Dé Luain
    [tue] Dé Máirt
    [wed] Dé Céadaoin
    [thu] Déardaoin
    [fri] Dé hAoine
    [sat] Dé Sathairn
   *[sun] Dé Domhnaigh
}
filter-tag = { $tag ->
    [open] oscailte
    [slow] mall
    [beginner-friendly] oiriúnach do thosaitheoirí
    [advanced] ardleibhéal
    [singing] amhránaíocht
    [set-dancing] damhsa seit
    [wheelchair-accessible] inrochtana do chathaoireacha rothaí
    [family-friendly] oiriúnach do theaghlaigh
   *[online] ar líne
}
tag-open = Oscailte
tag-slow = Mall
tag-beginner-friendly = Oiriúnach do thosaitheoirí
tag-advanced = Ardleibhéal
tag-singing = Amhránaíocht
tag-set-dancing = Damhsa seit
tag-wheelchair-accessible = Inrochtana do chathaoireacha rothaí
tag-family-friendly = Oiriúnach do theaghlaigh
tag-online = Ar líne
when-choice = { $when ->
    [tonight] Ar siúl anocht
   *[week] An tseachtain seo
}
date-long = { $day } { $month ->
    [1] Eanáir
    [2] Feabhra
    [3] Márta
    [4] Aibreán
    [5] Bealtaine
    [6] Meitheamh
    [7] Iúil
    [8] Lúnasa
    [9] Meán Fómhair
    [10] Deireadh Fómhair
    [11] Samhain
   *[12] Nollaig
} { $year }

## Ag comhaireamh

# Cúig fhoirm: 1, 2, 3–6 (séimhiú), 7–10, an chuid eile.
count-sessions = { $count ->
    [one] { $count } seisiún
    [two] { $count } sheisiún
    [few] { $count } sheisiún
    [many] { $count } seisiún
   *[other] { $count } seisiún
}

## An príomhleathanach

home-title = Aimsigh seisiún anocht
home-lead = Seisiúin cheoil thraidisiúnta na hÉireann, roinnte ag na daoine a sheinneann iontu.
home-description = Liostaíonn Seisiún seisiúin cheoil thraidisiúnta na hÉireann ar fud an domhain: aimsigh ceann gar duit anocht.
loading-sessions = Seisiúin á lódáil…
loading = Á lódáil…
start-again = Tosaigh arís ón gcéad leathanach
all-sessions = Na seisiúin go léir
directory-size = { $sessions ->
    [one] { $sessions } seisiún
    [two] { $sessions } sheisiún
    [few] { $sessions } sheisiún
   *[other] { $sessions } seisiún
} i { $countries } { $countries ->
    [two] thír
    [few] thír
    [many] dtír
   *[other] tír
}
browse-by-country = Brabhsáil de réir tíre
no-match-filters = Níl seisiún ar bith a fhreagraíonn do na scagairí sin. Bain cuid acu.
tonight-heading = Ar siúl anocht agus ina dhiaidh
tonight-empty = Níl aon rud liostaithe ag tosú sa lá go leith atá romhainn. Féach cad atá gar duit, nó brabhsáil iad go léir.
all-by-name = Na { $count } seisiún go léir, de réir ainm

## Gan aimsiú

not-found-title = Leathanach gan aimsiú
not-found-heading = Níor aimsíomar an leathanach sin
not-found-message = B'fhéidir gur bogadh an seisiún, nó go bhfuil botún sa nasc.
back-to-all = Ar ais chuig na seisiúin go léir
breadcrumb = Conair
all-countries = Gach tír

## Leathanach seisiúin

session-not-found = Seisiún gan aimsiú
browse-by-place = Brabhsáil seisiúin de réir áite
session-description = { $name } ag { $venue }, { $place }. { $schedule }
session-over = Tá an ócáid seo thart: bhí sí ar siúl { $when }.
session-paused = Tá an seisiún seo curtha ar fionraí faoi láthair.
session-closed = Tá deireadh leis an seisiún seo: { $reason }
last-confirmed = Deimhníodh go raibh sé ar siúl go deireanach ar { $date }.
hidden-notice = Curtha i bhfolach ag modhnóir: ní fheiceann ach modhnóirí an leathanach seo.
edit-session = Cuir an seisiún seo in eagar
where = Cá háit
venue-website = Suíomh gréasáin an ionaid
directions = Treoracha
when = Cathain
times-are-local = Am áitiúil atá ann ({ $zone }).
next-dates = Na chéad dátaí eile
add-to-calendar = Cuir le féilire
tags = Clibeanna
about = Faoi
report-session = Tuairiscigh fadhb leis an seisiún seo
still-running = Ar siúl fós — bhí mé ann
confirming = Á dheimhniú…
confirm-thanks = Go raibh maith agat: dheimhnigh tú go bhfuil sé ar siúl.
been-there = An raibh tú ann le déanaí?
to-confirm-it-runs = chun a dheimhniú go bhfuil sé ar siúl fós.
still-running-label = An bhfuil sé ar siúl fós?
stale-warning = D'fhéadfadh sé a bheith as dáta: níor dheimhnigh aon duine an seisiún seo le breis agus bliain. B'fhéidir gur stop sé; déan seiceáil leis an ionad sula dtaistealaíonn tú.
history = Stair ({ $count ->
    [one] { $count } athrú
    [two] { $count } athrú
    [few] { $count } athrú
    [many] { $count } n-athrú
   *[other] { $count } athrú
})
bookmarked = Leabharmharcáilte ✓
bookmark = Leabharmharc
report-sent = Go raibh maith agat: breathnóidh modhnóir air.
report-already-sent = Thuairiscigh tú é seo cheana: tá do thuairisc ag na modhnóirí.
send-report = Seol an tuairisc
sending = Á sheoladh…
what-is-wrong = Cad atá cearr?
choose = Roghnaigh…
report-reason = { $reason ->
    [wrong] Mícheart nó as dáta
    [spam] Turscar nó fógraíocht
    [offensive] Maslach nó ionsaitheach
    [duplicate] Dúblach de sheisiún eile
   *[other] Rud éigin eile
}
report-details = Aon rud ar chóir do mhodhnóirí a fhios a bheith acu (roghnach)
restore = Athchóirigh
restoring = Á athchóiriú…

## Focail a theastaíonn ón mbrabhsálaí i ndiaidh don leathanach lódáil (ISLAND_WORDS):
## téacs simplí, luachanna `{ $name }` ar a mhéad, gan foirmeacha iolra.

error-connection = Níorbh fhéidir Seisiún a shroicheadh. Seiceáil do cheangal agus bain triail eile as.
error-too-large = Tá sé sin níos mó ná mar is féidir le foirm a sheoladh. Giorraigh é agus bain triail eile as.
error-refused = Diúltaíodh dó sin. Athlódáil an leathanach agus bain triail eile as.
error-too-many = An iomarca iarrachtaí díreach anois. Fan nóiméad agus bain triail eile as.
error-server = Tá trioblóid ag Seisiún faoi láthair. Bain triail eile as i gceann nóiméid.
error-more-sessions = Níorbh fhéidir tuilleadh seisiún a lódáil. Seiceáil do cheangal agus bain triail eile as.
# Laethanta an chuairteora, an Domhnach ar dtús, focal amháin an ceann.
days-from-sunday = Domh Luan Máirt Céad Déar Aoine Sath
your-time = { $time } do chuid ama
finding-location = Do shuíomh á aimsiú…
use-my-location = Úsáid mo shuíomh
location-needs-js = Teastaíonn JavaScript chun do shuíomh a aimsiú. Is féidir leat cuardach de réir baile ina ionad.
location-unsupported = Ní féidir leis an mbrabhsálaí seo do shuíomh a roinnt. Cuardaigh de réir baile ina ionad.
location-denied = Tá suíomh múchta don suíomh gréasáin seo. Ceadaigh é, nó cuardaigh de réir baile ina ionad.
location-failed = Níorbh fhéidir linn do shuíomh a aimsiú díreach anois. Bain triail eile as, nó cuardaigh de réir baile.
share = Roinn
link-copied = Nasc cóipeáilte
more-sessions = Tuilleadh seisiún
showing-of = { $shown } as { $total } á dtaispeáint
showing = { $shown } á dtaispeáint

## Liostaí

share-link = Nasc:
sessions = Seisiúin
near-tonight = Anocht gar duit
near-tonight-empty = Níl aon rud liostaithe laistigh de { $km } km uait anocht.
near-tonight-all = Gach rud gar duit anocht
forget-location = Déan dearmad ar mo shuíomh
card-stale = D'fhéadfadh sé a bheith as dáta: níor deimhníodh é le breis agus bliain
card-next = An chéad cheann eile:
card-distance = { $distance } uait
search-label = Cuardaigh seisiúin, ionaid agus bailte
search-placeholder = m.sh. Dúlainn, Sláinte, Inis
filter-label = Scag na seisiúin
any-time = Am ar bith
day = Lá
any-day = Lá ar bith
kind = Cineál
any-kind = Cineál ar bith
filter = Scag
clear-filters = Glan na scagairí

## Léarscáileanna

map-none-placed = Níl áit ar an léarscáil ag aon cheann acu seo (bíonn siad ar líne).
map-cluster = { $count ->
    [one] { $count } seisiún anseo: féach iad gar don phointe seo
    [two] { $count } sheisiún anseo: féach iad gar don phointe seo
    [few] { $count } sheisiún anseo: féach iad gar don phointe seo
   *[other] { $count } seisiún anseo: féach iad gar don phointe seo
}
map-of-list = { $count ->
    [one] Léarscáil de { $count } seisiún sa liosta seo
    [two] Léarscáil de { $count } sheisiún sa liosta seo
    [few] Léarscáil de { $count } sheisiún sa liosta seo
   *[other] Léarscáil de { $count } seisiún sa liosta seo
}
map-list-caption = Osclaíonn gach biorán a sheisiún; is ionann uimhir agus roinnt acu gar dá chéile. Sonraí léarscáile ©
osm-contributors = Rannpháirtithe OpenStreetMap
map-hide = Folaigh an léarscáil
map-show = Taispeáin iad seo ar léarscáil
map-of-venue = Léarscáil den ionad ag { $at }
map-at = Léarscáil ag { $at }
map-larger = Oscail léarscáil níos mó
map-data = Sonraí léarscáile ©

## Áiteanna

place-not-found = Áit gan aimsiú
no-sessions-here = Níl seisiún ar bith anseo
browse-all-countries = Brabhsáil gach tír
countries = Tíortha
areas = Ceantair
towns = Bailte
places = Áiteanna
sessions-by-country = Seisiúin de réir tíre
sessions-in = Seisiúin: { $place }
world-description = Seisiúin cheoil thraidisiúnta na hÉireann ar fud an domhain, de réir tíre.
place-description = { $count ->
    [one] { $count } seisiún ceoil thraidisiúnta
    [two] { $count } sheisiún ceoil thraidisiúnta
    [few] { $count } sheisiún ceoil thraidisiúnta
   *[other] { $count } seisiún ceoil thraidisiúnta
}: { $place }. Cá háit agus cathain a bhíonn siad ar siúl.
follow-in = — { $place }
feed-atom = Fotha (Atom)
no-match-here = Níl seisiún ar bith anseo a fhreagraíonn do na scagairí sin. Bain cuid acu.

## Leanúint

follow-summary = Seol ríomhphost chugam faoi sheisiúin nua { $place }
follow = Lean
following = Á leanúint…
how-often = Cé chomh minic
cadence = { $cadence ->
    [daily] uair sa lá
   *[weekly] uair sa tseachtain
}
follow-hint = Ríomhphost gearr nuair a chuirtear seisiúin leis, nuair a athraíonn siad nó nuair is féidir gur stop siad. Tá nasc i ngach ríomhphost a chuireann stop leis.

## Cuardach agus in aice liom

search-title = Cuardaigh seisiúin
search-description = Cuardaigh seisiúin cheoil thraidisiúnta na hÉireann de réir ainm, ionaid, baile nó ceantair.
search-hint = Clóscríobh cuid d'ainm seisiúin, a ionad, a bhaile nó a cheantar: is cuma faoi shíntí fada ná faoi cheannlitreacha.
near-title = Seisiúin gar duit
near-description = Aimsigh seisiúin cheoil thraidisiúnta na hÉireann gar don áit a bhfuil tú.
near-explain = Roinn do shuíomh chun na seisiúin timpeall ort a fheiceáil, an ceann is gaire ar dtús. Ní iarraimid é go dtí go mbrúnn tú an cnaipe.
distance = Fad
within = Laistigh de
looking = Á lorg…
search-problem = Fadhb leis an gcuardach
matching-title = Seisiúin a fhreagraíonn do “{ $q }”
matching-description = Seisiúin cheoil thraidisiúnta na hÉireann a fhreagraíonn do “{ $q }”: cá háit agus cathain a bhíonn siad ar siúl.
matching-empty = Níl seisiún ar bith a fhreagraíonn do “{ $q }”. Bain triail as níos lú litreacha, nó brabhsáil de réir tíre.
within-title = Seisiúin laistigh de { $km } km
within-description = Seisiúin cheoil thraidisiúnta na hÉireann gar duit, an ceann is gaire ar dtús.
within-empty = Níl seisiún ar bith chomh gar sin. Bain triail as fad níos mó, nó brabhsáil de réir tíre.
nothing-filtered = Níl aon rud anseo: { $filters }. Glan na scagairí chun gach toradh a fheiceáil.
follow-within = laistigh de { $km } km
status-paused = Ar fionraí
status-closed = Dúnta: { $reason }
status-over = Thart

## Léirmheasanna

to-write-a-review = chun léirmheas a scríobh.
reviews = Léirmheasanna
your-review-hidden = Chuir modhnóir do léirmheas ar an seisiún seo i bhfolach. Is féidir leat é a scríobh arís; fanfaidh sé i bhfolach go dtí go n-athchóireoidh modhnóir é.
no-reviews = Níl aon léirmheas fós.
rating-out-of = { $count ->
    [one] as 5 · { $count } léirmheas
    [two] as 5 · { $count } léirmheas
    [few] as 5 · { $count } léirmheas
    [many] as 5 · { $count } léirmheas
   *[other] as 5 · { $count } léirmheas
}
reviews-by-stars = Léirmheasanna de réir réaltaí
stars-of-5 = { $stars } réalta as 5
visited = cuairt
edited = curtha in eagar
hidden-by-moderator = Curtha i bhfolach ag modhnóir.
report-review = Tuairiscigh an léirmheas seo
your-review = Do léirmheas
write-review = Scríobh léirmheas
review-saved = Tá do léirmheas sábháilte.
review-deleted = Tá do léirmheas scriosta.
delete-review = Scrios mo léirmheas
deleting = Á scriosadh…
save-review = Sábháil an léirmheas
saving = Á shábháil…
stars = Réaltaí
when-you-were-there = Cathain a bhí tú ann
your-review-optional = Do léirmheas (roghnach)
plain-text-up-to = Téacs simplí, suas le { $max } carachtar.

## Cuntais

sign-up-title = Bí páirteach i Seisiún
sign-up-description = Déan cuntas chun seisiúin a chur leis agus léirmheasanna a scríobh.
create-account = Cruthaigh cuntas
creating-account = Do chuntas á chruthú…
your-name-on-reviews = D'ainm (le feiceáil ar léirmheasanna)
email = Ríomhphost
password = Pasfhocal
password-hint = 8 gcarachtar ar a laghad, le litreacha móra agus beaga agus digit.
already-member = Ball cheana féin?
code-resent = Sheolamar cód nua.
confirm-title = Deimhnigh do ríomhphost
confirm-description = Cuir isteach an cód a sheolamar chugat i ríomhphost.
confirm = Deimhnigh
code-from-email = An cód ón ríomhphost
send-new-code = Seol cód nua
email-confirmed = Tá do ríomhphost deimhnithe. Sínigh isteach chun leanúint ar aghaidh.
password-changed = Tá do phasfhocal athraithe. Sínigh isteach leis an gceann nua.
sign-in-description = Sínigh isteach chun seisiúin a chur leis agus léirmheasanna a scríobh.
signing-in = Ag síniú isteach…
forgot-password = Ar dhearmad tú do phasfhocal?
new-here = Nua anseo?
forgot-title = Athshocraigh do phasfhocal
forgot-description = Seolaimid cód chugat chun pasfhocal nua a roghnú.
email-me-code = Seol cód chugam
reset-title = Roghnaigh pasfhocal nua
reset-description = Cuir isteach an cód a sheolamar chugat agus pasfhocal nua.
reset-sent = Má tá cuntas ag an ríomhphost sin, sheolamar cód chuige.
change-password = Athraigh an pasfhocal
changing-password = Á athrú…
new-password = Pasfhocal nua
name-saved = Tá d'ainm sábháilte.
your-account = Do chuntas
signed-in-as = Sínithe isteach mar { $name }
moderator = Modhnóir
open-report-queue = Oscail scuaine na dtuairiscí
save-name = Sábháil an t-ainm
name-on-reviews = An t-ainm ar do léirmheasanna
sign-out = Sínigh amach
signing-out = Ag síniú amach…
sign-out-everywhere = Sínigh amach ar gach gléas
sign-out-everywhere-hint = Láithreach, ní féidir le haon ghléas eile scríobh, léirmheas a dhéanamh ná leabharmharc a chur i do ainm, agus ní féidir le ceann ar bith fanacht sínithe isteach thar a chéad athnuachan eile. D'fhéadfadh leathanach atá oscailte cheana in áit eile d'ainm a thaispeáint go dtí go n-athlódálfar é, uair an chloig ar a mhéad. Déanann athrú pasfhocail an rud céanna.
not-signed-in = Níl tú sínithe isteach.

## Liostaí an bhaill

loading-lists = Do liostaí á lódáil…
your-bookmarks = Do leabharmharcanna
no-bookmarks = Níl aon leabharmharc agat fós: brúigh “Leabharmharc” ar leathanach seisiúin.
bookmarks-calendar = Do leabharmharcanna i d'fhéilire
bookmarks-calendar-explain = Nasc príobháideach ar féidir le féilire do ghutháin liostáil leis. Feiceann duine ar bith a bhfuil an nasc aige do leabharmharcanna, mar sin coinnigh agat féin é; déan ceann nua am ar bith agus stopfaidh an seancheann.
private-calendar-link = Do nasc príobháideach féilire
subscribe = Liostáil
new-calendar-link = Déan nasc nua (stopfaidh an seancheann)
make-calendar-link = Déan nasc féilire dom
making-link = An nasc á dhéanamh…
turn-link-off = Múch an nasc
turning-off = Á mhúchadh…
your-reviews = Do léirmheasanna
no-reviews-yours = Níor scríobh tú léirmheas ar sheisiún fós.
sessions-you-added = Seisiúin a chuir tú leis
no-sessions-added = Níor chuir tú seisiún leis fós.
places-you-follow = Áiteanna a leanann tú
followed = Á leanúint. Gheobhaidh tú ríomhphost nuair a chuirtear seisiúin leis ansin, nuair a athraíonn siad nó nuair is féidir gur stop siad.
no-follows = Ní leanann tú áit ar bith fós: brúigh “Seol ríomhphost chugam faoi sheisiúin nua” ar leathanach baile nó ar In aice liom.
emailed = ríomhphost { $cadence ->
    [daily] uair sa lá
   *[weekly] uair sa tseachtain
}
stop = Stop
stopping = Á stopadh…

## Modhnóireacht

moderation = Modhnóireacht
reports = Tuairiscí
no-open-reports = Níl aon tuairisc oscailte.
more-reports = Tuilleadh tuairiscí
first-reports = Na chéad tuairiscí
moderators-did = An méid a rinne modhnóirí
reported-by = { $count ->
    [one] tuairiscithe ag { $name } · { $when }
    [two] tuairiscithe ag { $count } bhall, { $name } ar dtús · { $when }
    [few] tuairiscithe ag { $count } bhall, { $name } ar dtús · { $when }
    [many] tuairiscithe ag { $count } mball, { $name } ar dtús · { $when }
   *[other] tuairiscithe ag { $count } ball, { $name } ar dtús · { $when }
}
dismiss-reports = { $count ->
    [one] Ruaig an tuairisc
    [two] Ruaig an dá thuairisc
    [few] Ruaig na { $count } thuairisc
    [many] Ruaig na { $count } dtuairisc
   *[other] Ruaig na { $count } tuairisc
}
hide-it = Folaigh é
hiding = Á fholú…
dismissing = Á ruaigeadh…
gone = (imithe)
deleted = (scriosta)
reported-session = Seisiún “{ $name }”
reported-review = Léirmheas le { $by } ar “{ $name }”: “{ $excerpt }”

## Seisiún a chur leis agus a chur in eagar

add-session-title = Cuir seisiún leis
sign-in-to-add = Sínigh isteach chun seisiún a chur leis. Ní thógann sé ach nóiméad a bheith páirteach.
edit-title = Cuir { $name } in eagar
cannot-edit = Ní féidir an seisiún seo a chur in eagar
location-found = Déanta: seiceáil an pointe sa réamhamharc.
the-session = An seisiún
name = Ainm
name-placeholder = Seisiún Dé Céadaoin i dTigh Uí Ógáin
about-optional = Faoi (roghnach)
venue = Ionad
venue-phone = Fón an ionaid (roghnach)
venue-email = Ríomhphost an ionaid (roghnach)
venue-website-optional = Suíomh gréasáin an ionaid (roghnach)
street-address = Seoladh sráide (roghnach)
town = Baile
area = Contae, stát nó réigiún
country = Tír
time-zone = Crios ama
map-point-hint = An pointe ar an léarscáil: úsáid do shuíomh ag an ionad, nó clóscríobh é (fág an dá cheann folamh do sheisiún ar líne).
latitude = Domhanleithead
longitude = Domhanfhad
tap-map = Tapáil an léarscáil chun an pointe a bhogadh go dtí an t-ionad.
schedule-rows-hint = Ró amháin do gach lá. Cuirtear le chéile rónna a bhfuil na hamanna céanna acu.
what-kind = Cén cineál
status = Stádas
running = Ar siúl
paused-for-now = Ar fionraí faoi láthair
closed-or-moved = Dúnta nó bogtha
closed-why = Má tá sé dúnta: cén fáth (dhún an teach tábhairne, bhog sé go …)
preview = Réamhamharc
save-changes = Sábháil na hathruithe
add-the-session = Cuir an seisiún leis
row-problem = Ró { $row }: { $problem }
check-map-point = Seiceáil an pointe ar an léarscáil
nothing-saved-yet = Níl aon rud sábháilte fós.
one-of-these = An ceann acu seo é?
duplicates-explain = Tá na seisiúin seo in ionad cosúil leis, in aice láimhe, ar an lá céanna. Más ceann acu é do cheann féin, oscail é agus deimhnigh nó cuir in eagar é ina ionad.
add-mine-anyway = Ní hea, cuir mo cheann leis mar sheisiún nua
fields-need-look = Tá gá le súil eile ar roinnt réimsí: féach na nótaí fúthu.
schedule-row = Ró sceidil { $row }
kind-weekly = Gach seachtain (nó gach cúpla seachtain)
kind-monthly = Uair sa mhí
kind-once = Uair amháin
week-of-month = Seachtain na míosa (míosúil)
week-monthly = Seachtain (míosúil)
week-first = an chéad cheann sa mhí
week-second = an dara ceann sa mhí
week-third = an tríú ceann sa mhí
week-fourth = an ceathrú ceann sa mhí
week-last = an ceann deireanach sa mhí
every-n-weeks = Gach n seachtain
date-field = Dáta (uair amháin, nó seachtain a raibh sé ar siúl)
from = Ó
until-optional = Go dtí (roghnach)

## Earráidí

error-too-many-follows = Leanann tú { $max } áit cheana féin. Stop ceann acu ar leathanach do chuntais ar dtús.
error-not-a-place = Ní áit í sin a liostaímid.
error-none-there = Níl seisiún ar bith liostaithe ansin.
error-follow-what = Roghnaigh áit, nó roinn an áit a bhfuil tú ar an leathanach In aice liom, chun í a leanúint.
error-point-off-map = Níl an pointe sin ar an léarscáil.
error-choose-radius = Roghnaigh ceann de { $choices } km.
error-no-sessions-there-yet = Níl seisiún ar bith liostaithe ansin fós.
error-no-such-session = Níl a leithéid de sheisiún ann.
error-not-our-page = Níor tháinig an t-iarratas seo ó leathanach de chuid Seisiún. Úsáid foirmeacha an tsuímh féin, le do thoil.
error-too-many-attempts = An iomarca iarrachtaí. Fan { $wait } agus bain triail eile as, le do thoil.
error-signed-out-everywhere = Síníodh amach thú ar gach gléas. Sínigh isteach arís, le do thoil, chun { $doing }.
error-sign-in-to = Sínigh isteach, le do thoil, chun { $doing }.
error-cannot-check-sign-in = Ní féidir linn do shíniú isteach a sheiceáil anois. Tá tú sínithe isteach fós: bain triail eile as i gceann nóiméid, le do thoil.
error-sign-in-again = Sínigh isteach arís chun leanúint ar aghaidh, le do thoil.
# An rud a bhí an ball a dhéanamh nuair a iarradh air síniú isteach.
doing = { $what ->
    [act-on-reports] gníomhú ar thuairiscí
    [add-a-session] seisiún a chur leis
    [add-or-edit-a-session] seisiún a chur leis nó a chur in eagar
    [bookmark-a-session] leabharmharc a chur ar sheisiún
    [change-what-you-follow] an méid a leanann tú a athrú
    [change-your-name] d'ainm a athrú
    [confirm-a-session-runs] a dheimhniú go bhfuil seisiún ar siúl
    [delete-your-review] do léirmheas a scriosadh
    [edit-a-session] seisiún a chur in eagar
    [follow-a-place] áit a leanúint
    [make-a-calendar-link] nasc féilire a dhéanamh
    [report-a-problem] fadhb a thuairisciú
    [restore-hidden-content] ábhar folaithe a athchóiriú
    [see-the-report-queue] scuaine na dtuairiscí a fheiceáil
    [see-your-bookmarks-and-reviews] do leabharmharcanna agus do léirmheasanna a fheiceáil
    [turn-off-your-calendar-link] do nasc féilire a mhúchadh
    [write-a-review] léirmheas a scríobh
   *[other] leanúint ar aghaidh
}
wait-seconds = { $count ->
    [one] { $count } soicind
    [two] { $count } shoicind
    [few] { $count } shoicind
   *[other] { $count } soicind
}
wait-minutes = { $count ->
    [one] { $count } nóiméad
    [two] { $count } nóiméad
    [few] { $count } nóiméad
   *[other] { $count } nóiméad
}

## Tuilleadh earráidí

error-choose-reason = Roghnaigh cén fáth a bhfuil tú á thuairisciú.
error-report-details = Abair cad atá cearr i { $max } carachtar de théacs simplí ar a mhéad (tá { $chars } anseo).
error-hide-or-dismiss = Roghnaigh folaigh nó ruaig.
error-report-handled = Phléigh modhnóir eile leis an tuairisc sin cheana.
error-no-such-page = Níl a leithéid de leathanach ann.
error-moderators-only = Ní féidir ach le modhnóirí scuaine na dtuairiscí a fheiceáil agus gníomhú uirthi.
list-name-home = Seisiúin cheoil thraidisiúnta na hÉireann
list-name-matching = Seisiúin a fhreagraíonn do { $q }
list-name-nearby = Seisiúin in aice láimhe

## Liostaí: an méid a iarrann an seoladh

error-lat-lng-range = Caithfidh an domhanleithead a bheith idir -90 agus 90 agus an domhanfhad idir -180 agus 180.
error-km-range = Caithfidh an fad (km) a bheith idir { $min } agus { $max } km.
error-lat-and-lng = Tabhair domhanleithead (lat) agus domhanfhad (lng) araon.
error-stale-page = Níl nasc an leathanaigh sin bailí a thuilleadh; tosaigh arís ón gcéad leathanach.
error-not-a-number = Caithfidh { $what } a bheith ina uimhir, ní { $value }.
field-lat = Domhanleithead (lat)
field-lng = Domhanfhad (lng)
field-km = Fad (km)

## Earráidí ó fhoirmeacha

error-edit-conflict = D'athraigh duine eile an seisiún seo agus tú á chur in eagar. Tá d'athruithe san fhoirm fós: oscail an seisiún i gcluaisín nua chun a gcuid athruithe siúd a fheiceáil, ansin sábháil arís.
error-not-yours = Ní féidir ach leis an mball a chuir an seisiún seo leis (nó le modhnóir) é a athrú. Má tá rud éigin cearr, tuairiscigh é.
error-internal = Chuaigh rud éigin amú inár dtaobh féin. Bain triail eile as i gceann nóiméid, le do thoil.
error-busy = Tá Seisiún gnóthach faoi láthair. Bain triail eile as i gceann cúpla soicind, le do thoil.
error-unreadable = Níorbh fhéidir an t-iarratas a léamh: { $detail }
password-needs = Roghnaigh pasfhocal ina bhfuil { $what }.
password-needs-length = { $count ->
    [many] { $count } gcarachtar ar a laghad
   *[other] { $count } carachtar ar a laghad
}
password-needs-lower = litir bheag
password-needs-upper = ceannlitir
password-needs-digit = digit
error-display-name = Cuir isteach an t-ainm le taispeáint ar do léirmheasanna (1 go { $max } carachtar).
error-email-shape = Cuir isteach seoladh ríomhphoist mar ainm@example.org.
error-query-short = Clóscríobh { $min } litir ar a laghad d'ainm seisiúin, ionaid, baile nó ceantair.
error-query-word-long = Ní féidir le focail chuardaigh a bheith níos faide ná { $max } litir.

## Seiceáil an méid a chuireann baill isteach

field-required = { $label }: riachtanach.
field-too-long = { $label }: { $max } carachtar ar a mhéad (tá { $len } ann).
label-session-name = Ainm an tseisiúin
label-venue-name = Ainm an ionaid
label-town = An baile
label-area = An ceantar (contae, stát nó réigiún)
label-country = An tír
label-address = An seoladh
label-phone = An uimhir theileafóin
label-email = An seoladh ríomhphoist
label-website = An suíomh gréasáin
label-time-zone = An crios ama
error-website-scheme = Caithfidh an suíomh gréasáin tosú le https:// (nó http://).
error-country-code = Caithfidh cód na tíre a bheith ina dhá cheannlitir (ISO 3166-1), ní '{ $code }'.
error-point-range = Caithfidh domhanleithead idir -90 agus 90 agus domhanfhad idir -180 agus 180 a bheith ag an bpointe ar an léarscáil.
error-zone-required = Tá gá leis an gcrios ama, m.sh. Europe/Dublin.
error-no-schedule = Cuir sceideal amháin ar a laghad leis: cathain a bhíonn an seisiún ar siúl?
error-too-many-schedules = Is féidir { $max } sceideal ar a mhéad a bheith ag seisiún.
error-too-many-meetings = Ní féidir le seisiún teacht le chéile níos minice ná { $max } uair sa tseachtain: liostaigh na cinn eile mar sheisiún eile.
error-weekly-no-day = Teastaíonn lá amháin ar a laghad ó sceideal seachtainiúil.
error-weekly-interval = Athdhéantar sceideal seachtainiúil gach 1 go 8 seachtain.
error-description-long = Caithfidh an cur síos a bheith { $max } carachtar ar a mhéad (tá { $len } ann).
error-stars = Roghnaigh ó 1 go 5 réalta.
error-visit-future = Ní féidir le dáta do chuairte a bheith sa todhchaí.
error-visit-old = Tá dáta do chuairte rófhada siar.
error-visit-date = Tabhair dáta do chuairte (bliain-mí-lá).
error-review-long = Is féidir le léirmheas a bheith { $max } carachtar ar a mhéad (tá { $chars } anseo).
error-review-chars = Tá carachtair sa léirmheas nach féidir a thaispeáint.
error-point-numbers = Tabhair an pointe ar an léarscáil mar dhá uimhir (domhanleithead agus domhanfhad), nó fág an dá cheann folamh do sheisiún ar líne.
error-unknown-zone = Ní crios ama é “{ $zone }” atá ar eolas againn; roghnaigh ceann mar Europe/Dublin.
error-unknown-tag = Níl a leithéid de chlib “{ $tag }” ann.
error-reason-long = Abair cén fáth ar dhún sé i { $max } carachtar ar a mhéad.
error-reason-missing = Abair cén fáth ar dhún sé (dhún an teach tábhairne, bhog sé go …).
error-unknown-status = Ní stádas é “{ $status }”.
error-time-shape = Tabhair { $what } mar uaireanta agus nóiméid, mar 21:30.
error-choose-day = Roghnaigh lá na seachtaine.
error-date-shape = Tabhair an dáta mar bhliain-mí-lá.
error-weekly-every = Athdhéantar seisiún seachtainiúil gach 1 go 8 seachtain.
error-choose-week = Roghnaigh cén tseachtain den mhí (an chéad … an ceann deireanach).
label-start-time = an t-am tosaithe
label-end-time = an t-am críochnaithe

## An ríomhphost achoimre agus a leathanach stoptha

digest-count-new = { $count ->
    [one] { $count } seisiún nua
    [two] { $count } sheisiún nua
    [few] { $count } sheisiún nua
   *[other] { $count } seisiún nua
}
digest-count-changed = { $count ->
    [many] { $count } n-athrú
   *[other] { $count } athrú
}
digest-count-stale = { $count } a d'fhéadfadh a bheith stoptha
digest-new = Nua: { $name }
digest-changed = Athraithe: { $name }
digest-stale = D'fhéadfadh sé a bheith stoptha: { $name }
digest-stale-detail = Níor dheimhnigh aon duine le bliain go bhfuil sé ar siúl. Má tá a fhios agat go bhfuil, deimhnigh é ar a leathanach.
digest-subject = { $counts }: { $places } · Seisiún
digest-why = Faigheann tú é seo { $cadence ->
    [daily] uair sa lá
   *[weekly] uair sa tseachtain
} mar go leanann tú na háiteanna seo ar Seisiún.
digest-stop-all = Stop gach ríomhphost ó Seisiún
digest-no-sign-in = gan síniú isteach
digest-change = Athraigh an méid a leanann tú
digest-intro = Nuacht ó na háiteanna a leanann tú:
digest-stop-place = Stop ríomhphoist faoi { $place }
stop-not-a-link-title = Ní nasc stoptha é seo
stop-not-a-link = Ní linne an nasc seo, nó gearradh é. Cóipeáil an nasc iomlán ón ríomhphost, nó athraigh an méid a leanann tú ar
stop-account-page = leathanach do chuntais
stop-try-again-title = Bain triail eile as, le do thoil
stop-cannot-read = Níorbh fhéidir linn liosta na n-áiteanna a leanann tú a shroicheadh díreach anois. Níor athraíodh aon rud; bain triail eile as an nasc i gceann nóiméid.
stop-nothing-title = Níl aon rud le stopadh
stop-nothing = Níl aon rud le stopadh: stopadh na ríomhphoist seo cheana (nó ní linne an nasc). Feicfidh tú an méid a leanann tú ar
stop-ask-title = Na ríomhphoist seo a stopadh?
stop-ask = Ní bhfaighidh tú a thuilleadh ríomhphoist faoi:
stop-button = Stop na ríomhphoist seo
stop-ask-hint = Níl gá síniú isteach. Is féidir leat áiteanna a leanúint arís am ar bith.
stop-cannot-stop = Níorbh fhéidir linn na ríomhphoist a stopadh díreach anois. Brúigh an cnaipe arís i gceann nóiméid, le do thoil.
stop-done-title = Ríomhphoist stoptha
stop-done = Déanta: ní bhfaighidh tú a thuilleadh ríomhphoist faoi

## Cuntais: an méid a dúirt an soláthraí aitheantais

identity-user-exists = Tá cuntas leis an ríomhphost sin ann cheana. Sínigh isteach, nó athshocraigh do phasfhocal.
identity-wrong-code = Níl an cód sin ceart. Seiceáil an ríomhphost is déanaí a sheolamar, nó iarr cód nua.
identity-expired-code = Tá an cód sin as feidhm. Iarr ceann nua.
identity-not-confirmed = Deimhnigh do ríomhphost ar dtús, le do thoil: cuir isteach an cód a sheolamar chugat.
identity-wrong-credentials = Ní hionann an ríomhphost agus an pasfhocal sin agus cuntas ar bith.
identity-too-many = An iomarca iarrachtaí. Fan cúpla nóiméad agus bain triail eile as, le do thoil.
identity-session-ended = Tá deireadh le do sheisiún. Sínigh isteach arís, le do thoil.
identity-unavailable = Níl síniú isteach ar fáil faoi láthair. Bain triail eile as i gceann nóiméid, le do thoil.
identity-stronger-password = Roghnaigh pasfhocal níos láidre: { $detail }
identity-reset-required = Caithfear do phasfhocal a athrú: roghnaigh “Ar dhearmad tú do phasfhocal?” chun ceann nua a shocrú.
identity-check-input = Seiceáil an méid a chuir tú isteach agus bain triail eile as, le do thoil.
identity-unsupported-step = Teastaíonn céim ón gcuntas seo nach féidir linn a dhéanamh anseo fós. Athshocraigh do phasfhocal chun leanúint ar aghaidh.
error-body-too-large = Is mó é sin ná mar a ghlacann Seisiún in aon iarracht amháin (64 KB). Giorraigh é agus bain triail eile as, le do thoil.
follow-label-near = Laistigh de { $km } km de { $place }
error-unknown-session = Níl an seisiún sin liostaithe (a thuilleadh).
error-unknown-review = Níl an léirmheas sin ann a thuilleadh.
error-unknown-schedule-kind = Ní cineál sceidil é “{ $kind }”.
