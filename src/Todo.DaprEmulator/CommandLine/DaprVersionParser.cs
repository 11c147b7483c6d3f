using System.CommandLine.Parsing;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.CommandLine;

/// <summary>Reads a <c>--dapr-version</c> value (the emulator's and the AppHost's) into a supported <see cref="DaprVersion"/>.</summary>
public static class DaprVersionParser
{
    /// <summary>A System.CommandLine custom parser: the version, or null with the supported ones named as the error.</summary>
    public static DaprVersion? Parse(ArgumentResult result)
    {
        try
        {
            return DaprVersion.Parse(result.Tokens.Single().Value);
        }
        catch (ArgumentException ex)
        {
            result.AddError(ex.Message);
            return null;
        }
    }
}
