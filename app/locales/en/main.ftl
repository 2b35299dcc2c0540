# Seisiún's words in English. Every message here has its twin in ../ga/main.ftl
# (`catalog_tests` fails otherwise). Values: { $name }.

## Every page

site-description = Find Irish traditional music sessions near you tonight.
skip-to-content = Skip to content
nav-label = Main
nav-browse = Browse
nav-search = Search
nav-near = Near me
nav-add = Add
nav-sign-in = Sign in
footer-tagline = Seisiún — sessions of Irish traditional music, shared by the people who play them.

## Days, dates and times

weekday = { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}
weekday-short = { $day ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
}
# The day a weekly session keeps: "Thursdays from 21:30".
weekday-every = { $day ->
    [mon] Mondays
    [tue] Tuesdays
    [wed] Wednesdays
    [thu] Thursdays
    [fri] Fridays
    [sat] Saturdays
   *[sun] Sundays
}
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
list-and = { $init } and { $last }
date = { $weekday } { $day } { $month }
date-with-year = { $weekday } { $day } { $month } { $year }
time-from = from { $start }
when-now = now
when-tonight = tonight { $time }
when-today = today { $time }
when-tomorrow = tomorrow { $time }
when-weekday = { $weekday } { $time }
schedule-weekly = { $interval ->
    [1] { $days } { $when }
    [2] Every other week: { $days } { $when }
   *[other] Every { $interval } weeks: { $days } { $when }
}
schedule-monthly = { $week ->
    [first] First
    [second] Second
    [third] Third
    [fourth] Fourth
   *[last] Last
} { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} of the month, { $times }
schedule-once = { $date } { $when }

## Filters and tags

filter-when = { $when ->
    [tonight] on tonight
   *[week] this week
}
filter-day = { $day ->
    [mon] on Mondays
    [tue] on Tuesdays
    [wed] on Wednesdays
    [thu] on Thursdays
    [fri] on Fridays
    [sat] on Saturdays
   *[sun] on Sundays
}
filter-tag = { $tag ->
    [open] open
    [slow] slow
    [beginner-friendly] beginner-friendly
    [advanced] advanced
    [singing] singing
    [set-dancing] set dancing
    [wheelchair-accessible] wheelchair accessible
    [family-friendly] family-friendly
   *[online] online
}
tag = { $tag ->
    [open] Open
    [slow] Slow
    [beginner-friendly] Beginner-friendly
    [advanced] Advanced
    [singing] Singing
    [set-dancing] Set dancing
    [wheelchair-accessible] Wheelchair accessible
    [family-friendly] Family-friendly
   *[online] Online
}
when-choice = { $when ->
    [tonight] On tonight
   *[week] This week
}
date-long = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

## Counting

count-sessions = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}

## The front page

home-title = Find a session tonight
home-lead = Irish traditional music sessions, shared by the people who play them.
home-description = Seisiún lists Irish traditional music sessions around the world: find one near you tonight.
loading-sessions = Loading sessions…
loading = Loading…
start-again = Start again from the first page
all-sessions = All sessions
directory-size = { $sessions ->
    [one] { $sessions } session
   *[other] { $sessions } sessions
} in { $countries ->
    [one] { $countries } country
   *[other] { $countries } countries
}
browse-by-country = Browse by country
no-match-filters = No sessions match those filters. Try fewer.
tonight-heading = On tonight and next
tonight-empty = Nothing listed starts in the next day and a half. Try near you, or browse them all.
all-by-name = All { $count } sessions, by name

## Not found

not-found-title = Page not found
not-found-heading = We could not find that page
not-found-message = The session may have moved, or the link may be mistyped.
back-to-all = Back to all sessions
breadcrumb = Breadcrumb
all-countries = All countries

## A session's page

session-not-found = Session not found
browse-by-place = Browse sessions by place
session-description = { $name } at { $venue }, { $place }. { $schedule }
session-over = This event is over: it was on { $when }.
session-paused = This session is paused for now.
session-closed = This session has closed: { $reason }
last-confirmed = Last confirmed running on { $date }.
hidden-notice = Hidden by a moderator: only moderators can see this page.
edit-session = Edit this session
where = Where
venue-website = Venue website
directions = Directions
when = When
times-are-local = Times are local ({ $zone }).
next-dates = Next dates
add-to-calendar = Add to calendar
tags = Tags
about = About
report-session = Report a problem with this session
still-running = Still running — I was there
confirming = Confirming…
confirm-thanks = Thank you: you confirmed it runs.
been-there = Been there lately?
to-confirm-it-runs = to confirm it still runs.
still-running-label = Is it still running?
stale-warning = Possibly stale: nobody has confirmed this session for over a year. It may have stopped; check with the venue before you travel.
history = History ({ $count ->
    [one] { $count } change
   *[other] { $count } changes
})
bookmarked = Bookmarked ✓
bookmark = Bookmark
report-sent = Thank you: a moderator will look at it.
report-already-sent = You have already reported this: your report is with the moderators.
send-report = Send report
sending = Sending…
what-is-wrong = What is wrong?
choose = Choose…
report-reason = { $reason ->
    [wrong] Wrong or out of date
    [spam] Spam or advertising
    [offensive] Offensive or abusive
    [duplicate] A duplicate of another session
   *[other] Something else
}
report-details = Anything moderators should know (optional)
restore = Restore
restoring = Restoring…

## Words the browser needs after the page has loaded (ISLAND_WORDS): plain text,
## `{ $name }` values at most, no plural forms.

error-connection = Could not reach Seisiún. Check your connection and try again.
error-too-large = That is more than a form can send. Shorten it and try again.
error-refused = That was refused. Reload the page and try again.
error-too-many = Too many tries just now. Wait a minute and try again.
error-server = Seisiún is having trouble just now. Please try again in a moment.
error-more-sessions = Could not load more sessions. Check your connection and try again.
# The visitor's weekdays, Sunday first, one word each.
days-from-sunday = Sun Mon Tue Wed Thu Fri Sat
your-time = { $time } your time
finding-location = Finding your location…
use-my-location = Use my location
location-needs-js = Finding your location needs JavaScript. You can search by town instead.
location-unsupported = This browser cannot share your location. Search by town instead.
location-denied = Location is turned off for this site. Allow it, or search by town instead.
location-failed = We could not find your location just now. Try again, or search by town.
share = Share
link-copied = Link copied
more-sessions = More sessions
showing-of = Showing { $shown } of { $total }
showing = Showing { $shown }

## Lists

share-link = Link:
sessions = Sessions
near-tonight = Tonight near you
near-tonight-empty = Nothing listed within { $km } km of you tonight.
near-tonight-all = All near you tonight
forget-location = Forget my location
card-stale = Possibly stale: not confirmed for over a year
card-next = Next:
card-distance = { $distance } away
search-label = Search sessions, venues and towns
search-placeholder = e.g. Doolin, Sláinte, Ennis
filter-label = Filter sessions
any-time = Any time
day = Day
any-day = Any day
kind = Kind
any-kind = Any kind
filter = Filter
clear-filters = Clear filters

## Maps

map-none-placed = None of these has a place on the map (they meet online).
map-cluster = { $count ->
    [one] { $count } session here: see it near this point
   *[other] { $count } sessions here: see them near this point
}
map-of-list = { $count ->
    [one] Map of { $count } session in this list
   *[other] Map of { $count } sessions in this list
}
map-list-caption = Each pin opens its session; a number is several close together. Map data ©
osm-contributors = OpenStreetMap contributors
map-hide = Hide the map
map-show = Show these on a map
map-of-venue = Map of the venue at { $at }
map-at = Map at { $at }
map-larger = Open a larger map
map-data = Map data ©

## Places

place-not-found = Place not found
no-sessions-here = No sessions here
browse-all-countries = Browse all countries
countries = Countries
areas = Areas
towns = Towns
places = Places
sessions-by-country = Sessions by country
sessions-in = Sessions in { $place }
world-description = Irish traditional music sessions around the world, by country.
place-description = { $count ->
    [one] { $count } Irish traditional music session
   *[other] { $count } Irish traditional music sessions
} in { $place }: where and when they happen.
follow-in = in { $place }
feed-atom = Feed (Atom)
no-match-here = No sessions here match those filters. Try fewer.

## Following

follow-summary = Email me about new sessions { $place }
follow = Follow
following = Following…
how-often = How often
cadence = { $cadence ->
    [daily] once a day
   *[weekly] once a week
}
follow-hint = A short email when sessions are added, change or may have stopped. Every email has a link that stops it.

## Search and near me

search-title = Search sessions
search-description = Search Irish traditional music sessions by name, venue, town or area.
search-hint = Type part of a session's name, its venue, town or area: accents and capitals don't matter.
near-title = Sessions near you
near-description = Find Irish traditional music sessions near where you are.
near-explain = Share your location to see the sessions around you, nearest first. We only ask when you press the button.
distance = Distance
within = Within
looking = Looking…
search-problem = Search problem
matching-title = Sessions matching “{ $q }”
matching-description = Irish traditional music sessions matching “{ $q }”: where and when they happen.
matching-empty = No sessions match “{ $q }”. Try fewer letters, or browse by country.
within-title = Sessions within { $km } km
within-description = Irish traditional music sessions near you, nearest first.
within-empty = No sessions that close. Try a larger distance, or browse by country.
nothing-filtered = Nothing { $filters } here. Clear the filters to see every match.
follow-within = within { $km } km
status-paused = Paused
status-closed = Closed: { $reason }
