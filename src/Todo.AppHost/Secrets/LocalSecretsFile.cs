using System.Security.Cryptography;
using System.Text.Json;

namespace Todo.AppHost.Secrets;

/// <summary>
/// The local secret store's file (<c>.dapr/secrets.json</c> next to the template, git-ignored). Created on the first
/// run with a random 256-bit token signing key, so a fresh clone runs without setup and no key is ever committed.
/// An existing file is never touched.
/// </summary>
internal static class LocalSecretsFile
{
    public const string SigningKeyName = "token-signing-key";

    /// <summary>Creates the file when missing; returns true when it did.</summary>
    public static bool EnsureExists(string templateDirectory)
    {
        var folder = Path.Combine(templateDirectory, ".dapr");
        var file = Path.Combine(folder, "secrets.json");
        Directory.CreateDirectory(folder);
        if (File.Exists(file))
        {
            return false;
        }

        var secrets = new Dictionary<string, string> { [SigningKeyName] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var json = JsonSerializer.Serialize(secrets, new JsonSerializerOptions { WriteIndented = true });
        // CreateNew: if a parallel run wrote it first, keep theirs (both runs then read the same key).
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write(json);
            return true;
        }
        catch (IOException) when (File.Exists(file))
        {
            return false;
        }
    }
}
