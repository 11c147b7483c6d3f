namespace Todo.AppHost.Ports;

/// <summary>How the ports of the template become the ports actually used.</summary>
internal abstract record PortMode
{
    /// <summary>The template's ports; unset ones are picked free.</summary>
    public sealed record AsWritten : PortMode;

    /// <summary>Every port the template sets plus N (a second copy next to a running one); unset ones picked free.</summary>
    public sealed record Offset(int By) : PortMode;

    /// <summary>Every app and sidecar port picked free, so parallel runs (tests) never collide.</summary>
    public sealed record Random : PortMode;
}
