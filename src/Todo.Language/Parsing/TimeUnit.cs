namespace Todo.Language.Parsing;

internal enum TimeUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}
