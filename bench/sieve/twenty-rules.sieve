# The 20-rule script of the Sieve benchmark (BENCHMARKS.md, "Sieve at the MX"): what a user who
# files mailing lists, flags people and answers while away might have. Most rules do not match the
# benchmark's letter, as most rules do not match most mail; the last files it by its sender.
require ["fileinto", "mailbox", "imap4flags", "envelope", "body", "variables", "relational",
         "comparator-i;ascii-numeric", "subaddress", "regex", "date", "copy"];

if header :contains "list-id" "announce.example.org" { fileinto :create "Lists/announce"; stop; }
if header :contains "list-id" "dev.example.org" { fileinto :create "Lists/dev"; stop; }
if header :matches "subject" "*[SPAM]*" { fileinto :create "Junk"; stop; }
if address :is :domain "from" ["bank.example", "tax.example"] { addflag "\\Flagged"; }
if address :localpart :is "from" "noreply" { fileinto :create "Notifications"; stop; }
if envelope :detail "to" "shopping" { fileinto :create "Shopping"; stop; }
if exists "x-github-reason" { fileinto :create "GitHub"; stop; }
if header :regex "subject" "^\\[(JIRA|ticket)-[0-9]+\\]" { fileinto :create "Tickets"; stop; }
if size :over 20M { addflag "$Large"; }
if header :value "ge" :comparator "i;ascii-numeric" "x-priority" "5" { addflag "$LowPriority"; }
if anyof (header :contains "from" "mum@family.example",
          header :contains "from" "dad@family.example") { addflag "$Family"; }
if header :contains "subject" ["invoice", "receipt", "Rechnung"] { fileinto :copy :create "Receipts"; }
if body :text :contains "unsubscribe from this newsletter" { fileinto :create "Newsletters"; stop; }
if header :is "precedence" "bulk" { fileinto :create "Bulk"; stop; }
if address :is "to" "board@example.com" { addflag "$Board"; }
if currentdate :value "lt" "year" "2000" { addflag "$Impossible"; }
if header :matches "x-mailer" "Outlook*" { set "client" "outlook"; }
if string :is "${client}" "outlook" { addflag "$Outlook"; }
if not exists "date" { addflag "$NoDate"; }
if address :domain :matches "from" "*" { set :lower "sender" "${1}"; fileinto :create "From/${sender}"; }
