package lint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Entries of a Prompt's for attribute by payment method (Pay and Prompt pages).
var (
	cardEntries = []string{"payment-card-number", "expiration-date", "security-code", "postal-code"}
	bankEntries = []string{"bank-routing-number", "bank-account-number"}
	cardOptions = []string{"validCardTypes", "securityCode", "postalCode", "minPostalCodeLength"}
)

// checkPayAttributes: Pay page: bankAccountType is "only for ach-debit"; the card options
// (inferred) only for cards; Prompt entries and attempts must be ones the Pay collects.
func checkPayAttributes(c *checker, el *element) {
	if el.name == "Prompt" {
		checkPrompt(c, el)
		return
	}
	warn := func(name, msg, hint string) {
		if a := el.attr(name); a != nil {
			c.report("pay-attributes", Warning, a.nameStart, a.nameEnd, msg, hint)
		}
	}
	method, _ := valueOrDefault(el, "paymentMethod")
	if method != "ach-debit" {
		warn("bankAccountType", fmt.Sprintf("`bankAccountType` applies only to paymentMethod=\"ach-debit\", not `%s`", method), "remove bankAccountType, or set paymentMethod=\"ach-debit\"")
		if v, _ := el.value("postalCode"); v == "false" {
			warn("minPostalCodeLength", "`minPostalCodeLength` has no effect with postalCode=\"false\"", "remove one of them")
		}
		return
	}
	for _, name := range cardOptions {
		warn(name, fmt.Sprintf("`%s` is a card option; paymentMethod is `ach-debit`", name), "remove "+name)
	}
}

// checkPrompt checks a Prompt against the Pay it belongs to.
func checkPrompt(c *checker, el *element) {
	pay := el.parent
	if pay == nil || pay.name != "Pay" || pay.def == nil {
		return
	}
	method, _ := valueOrDefault(pay, "paymentMethod")
	if f := el.attr("for"); f != nil && !f.templated {
		if msg := promptNeverPlays(pay, method, f.value); msg != "" {
			c.report("pay-attributes", Warning, f.valueStart, f.valueEnd, msg, "remove the <Prompt> or change the <Pay>")
		}
	}
	if a := el.attr("cardType"); a != nil && method == "ach-debit" {
		c.report("pay-attributes", Warning, a.nameStart, a.nameEnd, "`cardType` has no effect: the `<Pay>` collects `ach-debit`", "remove cardType")
	}
	checkPromptAttempts(c, el, pay)
}

// promptNeverPlays explains why a Prompt for an entry never plays, or returns "".
func promptNeverPlays(pay *element, method, entry string) string {
	switch {
	case method == "ach-debit" && slices.Contains(cardEntries, entry):
		return fmt.Sprintf("this prompt never plays: `%s` is a card entry and the `<Pay>` collects `ach-debit`", entry)
	case method != "ach-debit" && slices.Contains(bankEntries, entry):
		return fmt.Sprintf("this prompt never plays: `%s` is a bank entry and the `<Pay>` collects `%s`", entry, method)
	}
	for _, opt := range [][2]string{{"security-code", "securityCode"}, {"postal-code", "postalCode"}} {
		if v, _ := pay.value(opt[1]); entry == opt[0] && v == "false" {
			return fmt.Sprintf("this prompt never plays: the `<Pay>` has %s=\"false\"", opt[1])
		}
	}
	return ""
}

// checkPromptAttempts reports attempt numbers above the Pay's maxAttempts.
func checkPromptAttempts(c *checker, el, pay *element) {
	a := el.attr("attempt")
	limit, ok := intValue(pay, "maxAttempts", 2)
	if a == nil || a.templated || !ok {
		return
	}
	for _, f := range strings.Fields(a.value) {
		if n, err := strconv.Atoi(f); err == nil && int64(n) > limit {
			c.report("pay-attributes", Warning, a.valueStart, a.valueEnd,
				fmt.Sprintf("attempt %d never happens: the `<Pay>` allows %d attempt%s (maxAttempts)", n, limit, plural(int(limit))),
				"raise maxAttempts on <Pay>, or remove the attempt")
			return
		}
	}
}
