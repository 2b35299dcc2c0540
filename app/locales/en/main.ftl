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
tag-open = Open
tag-slow = Slow
tag-beginner-friendly = Beginner-friendly
tag-advanced = Advanced
tag-singing = Singing
tag-set-dancing = Set dancing
tag-wheelchair-accessible = Wheelchair accessible
tag-family-friendly = Family-friendly
tag-online = Online
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
status-over = Over

## Reviews

to-write-a-review = to write a review.
reviews = Reviews
your-review-hidden = A moderator hid your review of this session. You can write it again; it stays hidden until a moderator restores it.
no-reviews = No reviews yet.
rating-out-of = { $count ->
    [one] out of 5 · { $count } review
   *[other] out of 5 · { $count } reviews
}
reviews-by-stars = Reviews by stars
stars-of-5 = { $stars } out of 5 stars
visited = visited
edited = edited
hidden-by-moderator = Hidden by a moderator.
report-review = Report this review
your-review = Your review
write-review = Write a review
review-saved = Your review is saved.
review-deleted = Your review is deleted.
delete-review = Delete my review
deleting = Deleting…
save-review = Save review
saving = Saving…
stars = Stars
when-you-were-there = When you were there
your-review-optional = Your review (optional)
plain-text-up-to = Plain text, up to { $max } characters.

## Accounts

sign-up-title = Join Seisiún
sign-up-description = Make an account to add sessions and write reviews.
create-account = Create account
creating-account = Creating your account…
your-name-on-reviews = Your name (shown on reviews)
email = Email
password = Password
password-hint = At least 8 characters, with upper- and lower-case letters and a digit.
already-member = Already a member?
code-resent = We sent a new code.
confirm-title = Confirm your email
confirm-description = Enter the code we emailed you.
confirm = Confirm
code-from-email = Code from the email
send-new-code = Send a new code
email-confirmed = Your email is confirmed. Sign in to carry on.
password-changed = Your password is changed. Sign in with the new one.
sign-in-description = Sign in to add sessions and write reviews.
signing-in = Signing in…
forgot-password = Forgot your password?
new-here = New here?
forgot-title = Reset your password
forgot-description = We email you a code to choose a new password.
email-me-code = Email me a code
reset-title = Choose a new password
reset-description = Enter the code we emailed you and a new password.
reset-sent = If that email has an account, we have sent it a code.
change-password = Change password
changing-password = Changing it…
new-password = New password
name-saved = Your name is saved.
your-account = Your account
signed-in-as = Signed in as { $name }
moderator = Moderator
open-report-queue = Open the report queue
save-name = Save name
name-on-reviews = Name shown on your reviews
sign-out = Sign out
signing-out = Signing out…
sign-out-everywhere = Sign out on every device
sign-out-everywhere-hint = At once, no other device can write, review or bookmark as you, and none can stay signed in past its next renewal. A page already open elsewhere may still show your name until it is reloaded, for at most an hour. Changing your password does the same.
not-signed-in = You are not signed in.

## The member's lists

loading-lists = Loading your lists…
your-bookmarks = Your bookmarks
no-bookmarks = No bookmarks yet: press “Bookmark” on a session’s page.
bookmarks-calendar = Your bookmarks in your calendar
bookmarks-calendar-explain = A private link your phone’s calendar can subscribe to. Anyone with the link can see your bookmarks, so keep it to yourself; make a new one at any time and the old one stops working.
private-calendar-link = Your private calendar link
subscribe = Subscribe
new-calendar-link = Make a new link (the old one stops working)
make-calendar-link = Make my calendar link
making-link = Making the link…
turn-link-off = Turn the link off
turning-off = Turning it off…
your-reviews = Your reviews
no-reviews-yours = You have not reviewed a session yet.
sessions-you-added = Sessions you added
no-sessions-added = You have not added a session yet.
places-you-follow = Places you follow
followed = Followed. You will get an email when sessions there are added, change or may have stopped.
no-follows = You follow no places yet: press “Email me about new sessions” on a town’s page or on near me.
emailed = emailed { $cadence ->
    [daily] once a day
   *[weekly] once a week
}
stop = Stop
stopping = Stopping…

## Moderation

moderation = Moderation
reports = Reports
no-open-reports = No open reports.
more-reports = More reports
first-reports = First reports
moderators-did = What moderators did
reported-by = { $count ->
    [one] reported by { $name } · { $when }
   *[other] reported by { $count } members, first by { $name } · { $when }
}
dismiss-reports = { $count ->
    [one] Dismiss the report
   *[other] Dismiss the { $count } reports
}
hide-it = Hide it
hiding = Hiding…
dismissing = Dismissing…
gone = (gone)
deleted = (deleted)
reported-session = Session “{ $name }”
reported-review = Review by { $by } of “{ $name }”: “{ $excerpt }”

## Adding and editing a session

add-session-title = Add a session
sign-in-to-add = Sign in to add a session. It takes a minute to join.
edit-title = Edit { $name }
cannot-edit = Cannot edit this session
location-found = Done: check the point in the preview.
the-session = The session
name = Name
name-placeholder = Wednesday session at Hogan's
about-optional = About it (optional)
venue = Venue
venue-phone = Venue phone (optional)
venue-email = Venue email (optional)
venue-website-optional = Venue website (optional)
street-address = Street address (optional)
town = Town
area = County, state or region
country = Country
time-zone = Time zone
map-point-hint = The map point: use your location at the venue, or type it (leave both empty for an online session).
latitude = Latitude
longitude = Longitude
tap-map = Tap the map to move the point onto the venue.
schedule-rows-hint = One row for each day. Rows with the same times are joined.
what-kind = What kind
status = Status
running = Running
paused-for-now = Paused for now
closed-or-moved = Closed or moved
closed-why = If closed: why (the pub shut, it moved to …)
preview = Preview
save-changes = Save changes
add-the-session = Add the session
row-problem = Row { $row }: { $problem }
check-map-point = Check the map point
nothing-saved-yet = Nothing is saved yet.
one-of-these = Is it one of these?
duplicates-explain = These sessions are at a venue like it, nearby, on the same day. If yours is one of them, open it and confirm or edit it instead.
add-mine-anyway = No, add mine as a new session
fields-need-look = Some fields need another look: see the notes under them.
schedule-row = Schedule row { $row }
kind-weekly = Every week (or every few weeks)
kind-monthly = Once a month
kind-once = Just once
week-of-month = Week of the month (monthly)
week-monthly = Week (monthly)
week-first = first in the month
week-second = second in the month
week-third = third in the month
week-fourth = fourth in the month
week-last = last in the month
every-n-weeks = Every n weeks
date-field = Date (one-off, or a week it ran)
from = From
until-optional = Until (optional)

## Errors

error-too-many-follows = You follow { $max } places already. Stop one on your account page first.
error-not-a-place = That is not a place we list.
error-none-there = There are no sessions listed there.
error-follow-what = Choose a place, or share where you are on the near-me page, to follow it.
error-point-off-map = That point is not on the map.
error-choose-radius = Choose one of { $choices } km.
error-no-sessions-there-yet = We have no sessions listed there yet.
error-no-such-session = That session does not exist.
error-not-our-page = This request did not come from a Seisiún page. Please use the site's own forms.
error-too-many-attempts = Too many attempts. Please wait { $wait } and try again.
error-signed-out-everywhere = You were signed out on every device. Please sign in again to { $doing }.
error-sign-in-to = Please sign in to { $doing }.
error-cannot-check-sign-in = We cannot check your sign-in right now. You are still signed in: please try again in a minute.
error-sign-in-again = Please sign in again to continue.
# What a member was doing when asked to sign in ("Please sign in to …"): the guard's
# words as a slug (`guard::member("follow a place")`).
doing = { $what ->
    [act-on-reports] act on reports
    [add-a-session] add a session
    [add-or-edit-a-session] add or edit a session
    [bookmark-a-session] bookmark a session
    [change-what-you-follow] change what you follow
    [change-your-name] change your name
    [confirm-a-session-runs] confirm a session runs
    [delete-your-review] delete your review
    [edit-a-session] edit a session
    [follow-a-place] follow a place
    [make-a-calendar-link] make a calendar link
    [report-a-problem] report a problem
    [restore-hidden-content] restore hidden content
    [see-the-report-queue] see the report queue
    [see-your-bookmarks-and-reviews] see your bookmarks and reviews
    [turn-off-your-calendar-link] turn off your calendar link
    [write-a-review] write a review
   *[other] carry on
}
wait-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
wait-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

## More errors

error-choose-reason = Choose why you are reporting it.
error-report-details = Say what is wrong in at most { $max } characters of plain text (this has { $chars }).
error-hide-or-dismiss = Choose hide or dismiss.
error-report-handled = That report was already handled by another moderator.
error-no-such-page = There is no such page.
error-moderators-only = Only moderators can see the report queue and act on it.
list-name-home = Irish traditional music sessions
list-name-matching = Sessions matching { $q }
list-name-nearby = Sessions nearby

## Lists: what the address asks for

error-lat-lng-range = Latitude must be between -90 and 90 and longitude between -180 and 180.
error-km-range = Distance (km) must be between { $min } and { $max } km.
error-lat-and-lng = Give both a latitude (lat) and a longitude (lng).
error-stale-page = That page link is not valid any more; start again from the first page.
error-not-a-number = { $what } must be a number, not { $value }.
field-lat = Latitude (lat)
field-lng = Longitude (lng)
field-km = Distance (km)

## Errors from forms

error-edit-conflict = Someone else changed this session while you were editing. Your changes are still in the form: open the session in a new tab to see theirs, then save again.
error-not-yours = Only the member who added this session (or a moderator) can change it. If something is wrong, report it.
error-internal = Something went wrong on our side. Please try again in a moment.
error-busy = Seisiún is busy right now. Please try again in a few seconds.
error-unreadable = The request could not be read: { $detail }
password-needs = Choose a password with { $what }.
password-needs-length = at least { $count } characters
password-needs-lower = a lower-case letter
password-needs-upper = an upper-case letter
password-needs-digit = a digit
error-display-name = Enter the name to show on your reviews (1 to { $max } characters).
error-email-shape = Enter an email address like name@example.org.
error-query-short = Type at least { $min } letters of a session, venue, town or area.
error-query-word-long = Search words can be at most { $max } letters long.

## Checking what members enter

field-required = { $label } is required.
field-too-long = { $label } must be at most { $max } characters (it has { $len }).
label-session-name = The session's name
label-venue-name = The venue's name
label-town = The town
label-area = The area (county, state or region)
label-country = The country
label-address = The address
label-phone = The phone number
label-email = The email address
label-website = The website
label-time-zone = The time zone
error-website-scheme = The website must start with https:// (or http://).
error-country-code = The country code must be two capital letters (ISO 3166-1), not '{ $code }'.
error-point-range = The map point must have a latitude between -90 and 90 and a longitude between -180 and 180.
error-zone-required = The time zone is required, e.g. Europe/Dublin.
error-no-schedule = Add at least one schedule: when does the session happen?
error-too-many-schedules = A session can have at most { $max } schedules.
error-too-many-meetings = A session can meet at most { $max } times a week: list the others as a session of their own.
error-weekly-no-day = A weekly schedule needs at least one day.
error-weekly-interval = A weekly schedule repeats every 1 to 8 weeks.
error-description-long = The description must be at most { $max } characters (it has { $len }).
error-stars = Choose from 1 to 5 stars.
error-visit-future = The date of your visit cannot be in the future.
error-visit-old = The date of your visit is too long ago.
error-visit-date = Give the date of your visit (year-month-day).
error-review-long = A review can be at most { $max } characters (this has { $chars }).
error-review-chars = The review contains characters that cannot be shown.
error-point-numbers = Give the map point as two numbers (latitude and longitude), or leave both empty for an online session.
error-unknown-zone = “{ $zone }” is not a time zone we know; choose one like Europe/Dublin.
error-unknown-tag = There is no tag “{ $tag }”.
error-reason-long = Say why it closed in at most { $max } characters.
error-reason-missing = Say why it closed (the pub shut, it moved to …).
error-unknown-status = “{ $status }” is not a status.
error-time-shape = Give the { $what } as hours and minutes, like 21:30.
error-choose-day = Choose the day of the week.
error-date-shape = Give the date as year-month-day.
error-weekly-every = A weekly session repeats every 1 to 8 weeks.
error-choose-week = Choose which week of the month (first … last).
label-start-time = start time
label-end-time = end time

## The digest email and its stop page

digest-count-new = { $count ->
    [one] { $count } new session
   *[other] { $count } new sessions
}
digest-count-changed = { $count ->
    [one] { $count } change
   *[other] { $count } changes
}
digest-count-stale = { $count } that may have stopped
digest-new = New: { $name }
digest-changed = Changed: { $name }
digest-stale = May have stopped: { $name }
digest-stale-detail = Nobody has confirmed it runs for a year. If you know it does, confirm it on its page.
digest-subject = { $counts } in { $places } · Seisiún
digest-why = You get this { $cadence ->
    [daily] once a day
   *[weekly] once a week
} because you follow these places on Seisiún.
digest-stop-all = Stop all emails from Seisiún
digest-no-sign-in = no sign-in needed
digest-change = Change what you follow
digest-intro = What is new in the places you follow:
digest-stop-place = Stop emails about { $place }
stop-not-a-link-title = Not a stop link
stop-not-a-link = This link is not one of ours, or it was cut short. Copy the whole link from the email, or change what you follow on
stop-account-page = your account page
stop-try-again-title = Please try again
stop-cannot-read = We could not reach the list of what you follow just now. Nothing was changed; please try the link again in a minute.
stop-nothing-title = Nothing to stop
stop-nothing = There is nothing to stop: these emails were already stopped (or the link is not one we sent). You can see what you follow on
stop-ask-title = Stop these emails?
stop-ask = You will get no more emails about:
stop-button = Stop these emails
stop-ask-hint = No sign-in needed. You can follow places again at any time.
stop-cannot-stop = We could not stop the emails just now. Please press the button again in a minute.
stop-done-title = Emails stopped
stop-done = Done: you will get no more emails about

## Accounts: what the identity provider said

identity-user-exists = An account with that email already exists. Sign in, or reset your password.
identity-wrong-code = That code is not right. Check the latest email we sent, or ask for a new code.
identity-expired-code = That code has expired. Ask for a new one.
identity-not-confirmed = Please confirm your email first: enter the code we sent you.
identity-wrong-credentials = That email and password do not match an account.
identity-too-many = Too many attempts. Please wait a few minutes and try again.
identity-session-ended = Your session has ended. Please sign in again.
identity-unavailable = Signing in is not available right now. Please try again in a moment.
identity-stronger-password = Choose a stronger password: { $detail }
identity-reset-required = Your password must be changed: choose “Forgot your password?” to set a new one.
identity-check-input = Please check what you entered and try again.
identity-unsupported-step = This account needs a step we cannot do here yet. Reset your password to carry on.
error-body-too-large = That is more than Seisiún accepts in one go (64 KB). Please shorten it and try again.
follow-label-near = Within { $km } km of { $place }
error-unknown-session = That session is not listed (any more).
error-unknown-review = That review is not there any more.
error-unknown-schedule-kind = “{ $kind }” is not a kind of schedule.
