namespace Todo.Language.Tests;

/// <summary>Every date and time phrase family, read on Friday 2026-03-27 10:00 in Berlin.</summary>
public sealed class DatePhraseTableTests
{
    [Theory]
    // Named days
    [InlineData("Call mom today", "Call mom", "2026-03-27", null)]
    [InlineData("Call mom tonight", "Call mom", "2026-03-27", "20:00")]
    [InlineData("Call mom at 7 tonight", "Call mom", "2026-03-27", "19:00")]
    [InlineData("Call mom tonight at 9", "Call mom", "2026-03-27", "21:00")]
    [InlineData("Call mom tonight 8:15", "Call mom", "2026-03-27", "20:15")]
    [InlineData("Call mom tomorrow", "Call mom", "2026-03-28", null)]
    [InlineData("Call mom tmr", "Call mom", "2026-03-28", null)]
    [InlineData("Call mom tmrw", "Call mom", "2026-03-28", null)]
    [InlineData("Tmrw call Bob", "call Bob", "2026-03-28", null)]
    [InlineData("Call mom day after tomorrow", "Call mom", "2026-03-29", null)]
    [InlineData("Call mom the day after tomorrow", "Call mom", "2026-03-29", null)]
    // Weekdays: the next one strictly after today, unless "this"
    [InlineData("Pay rent monday", "Pay rent", "2026-03-30", null)]
    [InlineData("Pay rent mon", "Pay rent", "2026-03-30", null)]
    [InlineData("Pay rent on friday", "Pay rent", "2026-04-03", null)]
    [InlineData("Pay rent friday", "Pay rent", "2026-04-03", null)]
    [InlineData("Pay rent this friday", "Pay rent", "2026-03-27", null)]
    [InlineData("Pay rent next monday", "Pay rent", "2026-03-30", null)]
    [InlineData("Pay rent next friday", "Pay rent", "2026-04-03", null)]
    [InlineData("Pay rent on wed", "Pay rent", "2026-04-01", null)]
    [InlineData("Pay rent Thursday", "Pay rent", "2026-04-02", null)]
    [InlineData("Pay rent on sat", "Pay rent", "2026-03-28", null)]
    [InlineData("Pay rent next sun", "Pay rent", "2026-03-29", null)]
    [InlineData("Dentist next tuesday at 2:15pm", "Dentist", "2026-03-31", "14:15")]
    [InlineData("Dentist due friday", "Dentist", "2026-04-03", null)]
    // Weeks, months, ends
    [InlineData("Clean up this weekend", "Clean up", "2026-03-28", null)]
    [InlineData("Clean up next weekend", "Clean up", "2026-04-04", null)]
    [InlineData("Plan trip next week", "Plan trip", "2026-03-30", null)]
    [InlineData("Plan trip next month", "Plan trip", "2026-04-01", null)]
    [InlineData("Plan trip next year", "Plan trip", "2027-01-01", null)]
    [InlineData("Report end of month", "Report", "2026-03-31", null)]
    [InlineData("Report eom", "Report", "2026-03-31", null)]
    [InlineData("Report by the end of the month", "Report", "2026-03-31", null)]
    [InlineData("Report end of week", "Report", "2026-03-29", null)]
    [InlineData("Report eow", "Report", "2026-03-29", null)]
    [InlineData("Report by the end of next week", "Report", "2026-04-05", null)]
    [InlineData("Report end of next month", "Report", "2026-04-30", null)]
    [InlineData("Report by the end of next year", "Report", "2027-12-31", null)]
    // Relative offsets
    [InlineData("Check oven in 2 hours", "Check oven", "2026-03-27", "12:00")]
    [InlineData("Check oven in 30 min", "Check oven", "2026-03-27", "10:30")]
    [InlineData("Check oven in 30 minutes", "Check oven", "2026-03-27", "10:30")]
    [InlineData("Check oven in 90 minutes", "Check oven", "2026-03-27", "11:30")]
    [InlineData("Check oven in 5 seconds", "Check oven", "2026-03-27", "10:00:05")]
    [InlineData("Check oven in an hour", "Check oven", "2026-03-27", "11:00")]
    [InlineData("Check oven in half an hour", "Check oven", "2026-03-27", "10:30")]
    [InlineData("Check oven in 2h", "Check oven", "2026-03-27", "12:00")]
    [InlineData("Check oven in 1 hour 30 minutes", "Check oven", "2026-03-27", "11:30")]
    [InlineData("Water lawn in 1 week and 2 days", "Water lawn", "2026-04-05", null)]
    [InlineData("Check oven within 10 minutes", "Check oven", "2026-03-27", "10:10")]
    [InlineData("Check oven in 15 hours", "Check oven", "2026-03-28", "01:00")]
    [InlineData("Water lawn in 3 days", "Water lawn", "2026-03-30", null)]
    [InlineData("Water lawn in 2 weeks", "Water lawn", "2026-04-10", null)]
    [InlineData("Water lawn in a fortnight", "Water lawn", "2026-04-10", null)]
    [InlineData("Water lawn in 2 fortnights", "Water lawn", "2026-04-24", null)]
    [InlineData("Water lawn in a week", "Water lawn", "2026-04-03", null)]
    [InlineData("Renew passport in 2 months", "Renew passport", "2026-05-27", null)]
    [InlineData("Renew passport in 1 year", "Renew passport", "2027-03-27", null)]
    // Absolute dates
    [InlineData("Xmas dec 25", "Xmas", "2026-12-25", null)]
    [InlineData("Xmas 25 dec", "Xmas", "2026-12-25", null)]
    [InlineData("Xmas december 25th", "Xmas", "2026-12-25", null)]
    [InlineData("Xmas on December 25th, 2027", "Xmas", "2027-12-25", null)]
    [InlineData("Xmas the 25th of december", "Xmas", "2026-12-25", null)]
    [InlineData("Xmas 12/25", "Xmas", "2026-12-25", null)]
    [InlineData("Xmas 12/25/2027", "Xmas", "2027-12-25", null)]
    [InlineData("Xmas 2026-12-25", "Xmas", "2026-12-25", null)]
    [InlineData("Taxes 4/15/27", "Taxes", "2027-04-15", null)]
    [InlineData("Party 3/28", "Party", "2026-03-28", null)]
    [InlineData("Party 31/12", "Party", "2026-12-31", null)]
    [InlineData("Taxes mar 15", "Taxes", "2027-03-15", null)]
    [InlineData("Taxes march 27", "Taxes", "2026-03-27", null)]
    [InlineData("Mom's birthday dec 3", "Mom's birthday", "2026-12-03", null)]
    [InlineData("Leap party feb 29", "Leap party", "2028-02-29", null)]
    [InlineData("Leap party 2028-02-29", "Leap party", "2028-02-29", null)]
    // Day of month
    [InlineData("Pay bills the 1st", "Pay bills", "2026-04-01", null)]
    [InlineData("Pay bills on the 15th", "Pay bills", "2026-04-15", null)]
    [InlineData("Pay bills on the 27th", "Pay bills", "2026-03-27", null)]
    [InlineData("Pay bills on the 31st", "Pay bills", "2026-03-31", null)]
    [InlineData("Pay bills on 2nd", "Pay bills", "2026-04-02", null)]
    // Times alone: today while ahead, otherwise tomorrow
    [InlineData("Meet 5pm", "Meet", "2026-03-27", "17:00")]
    [InlineData("Meet 5 pm", "Meet", "2026-03-27", "17:00")]
    [InlineData("Meet 5:30pm", "Meet", "2026-03-27", "17:30")]
    [InlineData("Meet 5:30 p.m.", "Meet", "2026-03-27", "17:30")]
    [InlineData("Meet 17:00", "Meet", "2026-03-27", "17:00")]
    [InlineData("Meet at 5", "Meet", "2026-03-27", "17:00")]
    [InlineData("Meet at 5:30", "Meet", "2026-03-27", "17:30")]
    [InlineData("Meet at 11", "Meet", "2026-03-27", "11:00")]
    [InlineData("Meet at 9", "Meet", "2026-03-28", "09:00")]
    [InlineData("Meet @ 3pm", "Meet", "2026-03-27", "15:00")]
    [InlineData("Meet 5 o'clock", "Meet", "2026-03-27", "17:00")]
    [InlineData("Meet 9:30am", "Meet", "2026-03-28", "09:30")]
    [InlineData("Meet 10am", "Meet", "2026-03-28", "10:00")]
    [InlineData("Meet 10:01am", "Meet", "2026-03-27", "10:01")]
    [InlineData("Meet 08:15", "Meet", "2026-03-28", "08:15")]
    [InlineData("Meet 12am", "Meet", "2026-03-28", "00:00")]
    [InlineData("Meet 12pm", "Meet", "2026-03-27", "12:00")]
    [InlineData("Meet at noon", "Meet", "2026-03-27", "12:00")]
    [InlineData("Meet at midnight", "Meet", "2026-03-28", "00:00")]
    [InlineData("Meet midnight", "Meet", "2026-03-28", "00:00")]
    [InlineData("Meet morning", "Meet", "2026-03-28", "09:00")]
    [InlineData("Meet afternoon", "Meet", "2026-03-27", "15:00")]
    [InlineData("Meet evening", "Meet", "2026-03-27", "19:00")]
    [InlineData("Meet in the evening", "Meet", "2026-03-27", "19:00")]
    [InlineData("Meet at night", "Meet", "2026-03-27", "20:00")]
    // Dates with times
    [InlineData("Meet tomorrow morning", "Meet", "2026-03-28", "09:00")]
    [InlineData("Meet tomorrow at 5pm", "Meet", "2026-03-28", "17:00")]
    [InlineData("Meet at 3pm tomorrow", "Meet", "2026-03-28", "15:00")]
    [InlineData("Meet friday 9am", "Meet", "2026-04-03", "09:00")]
    [InlineData("Meet 2026-04-01 14:00", "Meet", "2026-04-01", "14:00")]
    [InlineData("Water plants tomorrow, 5pm", "Water plants", "2026-03-28", "17:00")]
    [InlineData("Call mom tomorrow 5pm", "Call mom", "2026-03-28", "17:00")]
    // A day of a named month
    [InlineData("Pay rent on the 1st of next month", "Pay rent", "2026-04-01", null)]
    [InlineData("Pay rent the 3rd next month", "Pay rent", "2026-04-03", null)]
    [InlineData("Pay rent on the 30th of this month", "Pay rent", "2026-03-30", null)]
    // A bare hour beside a part of the day takes that part's half: one time, not a clash
    [InlineData("Meet tomorrow morning at 7", "Meet", "2026-03-28", "07:00")]
    [InlineData("Meet tomorrow at 7 in the morning", "Meet", "2026-03-28", "07:00")]
    [InlineData("Meet tomorrow evening at 8", "Meet", "2026-03-28", "20:00")]
    [InlineData("Meet at 9 in the evening", "Meet", "2026-03-27", "21:00")]
    [InlineData("Meet friday afternoon at 4:30", "Meet", "2026-04-03", "16:30")]
    [InlineData("Meet tomorrow morning at 7pm", "Meet", "2026-03-28", "19:00")]
    // Things that must stay in the title
    [InlineData("Buy 2 pm-sized boxes", "Buy 2 pm-sized boxes", null, null)]
    [InlineData("Read 'The Monday Murders'", "Read 'The Monday Murders'", null, null)]
    [InlineData("Read \"Friday at 5\" by Bob", "Read \"Friday at 5\" by Bob", null, null)]
    [InlineData("Buy sun cream", "Buy sun cream", null, null)]
    [InlineData("Sat exam prep", "Sat exam prep", null, null)]
    [InlineData("I may call Bob", "I may call Bob", null, null)]
    [InlineData("Read chapter 5", "Read chapter 5", null, null)]
    [InlineData("Plan the 2 of us dinner", "Plan the 2 of us dinner", null, null)]
    [InlineData("Morning run", "Morning run", null, null)]
    [InlineData("Evening walk tomorrow", "Evening walk", "2026-03-28", null)]
    [InlineData("Go for a morning run", "Go for a run", "2026-03-28", "09:00")]
    public void EachPhraseFamilyResolvesToTheExpectedLocalDueDate(string text, string title, string? date, string? time)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal(title, result.Title);
        Clock.AssertDue(result, date, time);
    }

    [Theory]
    [InlineData("Call tomorrow 5pm", "2026-03-28", "17:00", "2026-03-28T21:00:00Z")]
    [InlineData("Call in 2 hours", "2026-03-27", "12:00", "2026-03-27T16:00:00Z")]
    [InlineData("Call at 9", "2026-03-28", "09:00", "2026-03-28T13:00:00Z")]
    [InlineData("Call friday at noon", "2026-04-03", "12:00", "2026-04-03T16:00:00Z")]
    [InlineData("Call nov 2 9am", "2026-11-02", "09:00", "2026-11-02T14:00:00Z")]
    public void NewYorkPhrasesResolveInNewYorkTime(string text, string date, string time, string utc)
    {
        var result = Clock.InNewYork(text);

        Assert.Equal("Call", result.Title);
        Clock.AssertDue(result, date, time);
        Assert.Equal(Clock.Utc(utc), result.Due!.ToUtc(Clock.NewYork));
    }
}
