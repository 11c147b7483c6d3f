namespace Todo.DaprEmulator.Errors;

/// <summary>
/// Which of daprd's two APIs a request came in on. daprd builds some errors differently per API (the HTTP API adds
/// the app id to a missing state store's ErrorInfo, the gRPC API's state calls carry an ErrorInfo the HTTP ones lack),
/// so code shared by both says which one it serves.
/// </summary>
internal enum DaprApi
{
    Http,
    Grpc,
}
