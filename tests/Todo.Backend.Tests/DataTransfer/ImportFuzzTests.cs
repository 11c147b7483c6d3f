using System.Net;
using System.Text;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>
/// Seeded mutations of the Todoist sample (cut short, characters dropped, swapped or inserted: quotes, commas, line
/// breaks, formula starts, invalid UTF-8) never answer 5xx: an import either runs and reports, or is a 4xx ProblemDetails.
/// The backend fuzz catalogue covers the JSON import; this covers the CSV reader.
/// </summary>
public sealed class ImportFuzzTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private const int Seed = 20261203;
    private const int Cases = 150;
    private static readonly string[] Inserts = ["\"", ",", "\r\n", "\n", "\r", "=", "@", "\"\"", "every", "task,", "section,", "note,", "\u0000", "é", "\uFEFF"];

    [Fact]
    public async Task NoMutatedTodoistFileAnswers5xx()
    {
        var (_, client) = await backend.NewUserAsync();
        var sample = DataTransferApi.TodoistSample();
        var random = new Random(Seed);
        var findings = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var bytes = Mutate(sample, random);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/import") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("text/csv");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                findings.Add($"case {i}: {status} {await response.Content.ReadAsStringAsync()}\n  {Encoding.UTF8.GetString(bytes)[..Math.Min(3000, bytes.Length)]}");
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"case {i}: {status}");
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private static byte[] Mutate(string sample, Random random)
    {
        var text = new StringBuilder(sample);
        for (var edits = random.Next(1, 6); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                case 1: text.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                case 2: text.Length = at; break;
                default: text[at] = (char)random.Next(32, 127); break;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (random.Next(10) == 0 && bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] = 0xFF; // not UTF-8
        }

        return bytes;
    }
}
