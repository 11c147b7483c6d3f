using System.Text.Json;
using Todo.DaprEmulator.PubSub.Routing;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed class RouteExpressionTests
{
    private static readonly JsonElement Event = JsonDocument.Parse("""
        {"type":"com.todo.task.completed","source":"todo-backend","subject":"t-1","topic":"task-events",
         "data":{"kind":"recurring","count":3,"done":true,"note":null}}
        """).RootElement;

    [Theory]
    [InlineData("event.type == \"com.todo.task.completed\"", true)]
    [InlineData("event.type == 'com.todo.task.created'", false)]
    [InlineData("event.type != \"com.todo.task.created\"", true)]
    [InlineData("event.type == \"com.todo.task.completed\" && event.source == \"todo-backend\"", true)]
    [InlineData("event.type == \"x\" || event.subject == \"t-1\"", true)]
    [InlineData("!(event.type == \"x\") && (event.topic == \"task-events\" || false)", true)]
    [InlineData("event.data.kind == \"recurring\"", true)]
    [InlineData("event.data.count == 3 && event.data.done", true)]
    [InlineData("event.data.note == null", true)]
    [InlineData("event.type == 3", false)]
    // CEL absorbs an error when the other side decides: a missing field does not matter here.
    [InlineData("event.missing == \"x\" || event.type == \"com.todo.task.completed\"", true)]
    [InlineData("event.missing == \"x\" && false", false)]
    public void ASupportedExpressionEvaluatesLikeCel(string expression, bool expected)
    {
        var (matched, error) = RouteExpression.Parse(expression).Evaluate(Event);

        Assert.Null(error);
        Assert.Equal(expected, matched);
    }

    [Theory]
    [InlineData("event.missing == \"x\"")]
    [InlineData("event.type")]
    [InlineData("event.missing == \"x\" && true")]
    public void AMissingFieldOrANonBoolResultIsAnEvaluationError(string expression)
    {
        var (matched, error) = RouteExpression.Parse(expression).Evaluate(Event);

        Assert.False(matched);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("event.type.startsWith(\"x\")")]
    [InlineData("type == \"x\"")]
    [InlineData("event.type in [\"x\"]")]
    [InlineData("event.type == \"x")]
    [InlineData("(event.type == \"x\"")]
    [InlineData("event.type ==")]
    [InlineData("")]
    public void AnExpressionOutsideTheSubsetDoesNotParse(string expression)
    {
        Assert.Throws<FormatException>(() => RouteExpression.Parse(expression));
    }
}
