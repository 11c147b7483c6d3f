using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Todo.Contracts;
using Todo.Contracts.Projects;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Projects;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// The share dialog against an in-process backend behind a real <see cref="BackendClient"/>: the owner shares by
/// username and role, sees the backend's own message for an unknown username, removes a member; a member sees no
/// owner controls and leaves.
/// </summary>
public sealed class ShareProjectDialogTests : MudTestContext
{
    private readonly MembersBackend _backend;

    public ShareProjectDialogTests()
    {
        _backend = new MembersBackend(Clock);
        Services.AddSingleton(_backend.Client);
        Services.AddScoped<CurrentUser>();
        var auth = AddAuthorization();
        auth.SetAuthorized("ann");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-ann"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TheOwnerSharesByUsernameAndRoleSeesWhyAnUnknownNameFailsAndRemovesAMember()
    {
        var (provider, _) = await ShowAsync(ProjectRoles.Owner);
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("#share-member-ann")));

        provider.Find("#share-username").Input("nobody");
        await provider.Find("#share-submit").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("There is no user called \"nobody\"", provider.Find("#share-error").TextContent));

        provider.Find("#share-username").Input("bob");
        await provider.Find("#share-submit").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("#share-member-bob")));
        Assert.Contains(("POST", "bob editor"), _backend.Calls);
        Assert.Empty(provider.FindAll("#share-error"));
        Assert.Empty(provider.FindAll("#share-remove-ann"));

        await provider.Find("#share-remove-bob").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#share-member-bob")));
        Assert.Contains(("DELETE", "u-bob"), _backend.Calls);
        Assert.Empty(provider.FindAll("#share-leave"));
    }

    [Fact]
    public async Task AMemberSeesWhoIsInItHasNoOwnerControlsAndLeaves()
    {
        _backend.Members.Add(new ProjectMemberDto("u-bob", "bob", ProjectRoles.Editor));
        var (provider, dialog) = await ShowAsync(ProjectRoles.Editor);
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("#share-member-bob")));

        Assert.Empty(provider.FindAll("#share-username"));
        Assert.Empty(provider.FindAll("[id^=share-remove-]"));
        await provider.Find("#share-leave").ClickAsync(new());

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(ShareProjectDialog.Left, result!.Data);
        Assert.Contains(("DELETE", "me"), _backend.Calls);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(string role)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<ShareProjectDialog>("Share", new DialogParameters<ShareProjectDialog>
        {
            { d => d.ProjectId, "p1" },
            { d => d.ProjectName, "Household" },
            { d => d.Role, role },
        }));
        return (provider, dialog!);
    }

    /// <summary>The members routes of one project, in memory, answering as the backend does (ProblemDetails on errors).</summary>
    private sealed class MembersBackend : HttpMessageHandler
    {
        public MembersBackend(FakeTimeProvider time) =>
            Client = new BackendClient(new HttpClient(this) { BaseAddress = new Uri("http://todo-backend/") }, new UserTokenIssuer(RecordingBackend.SigningKeys(), time));

        public BackendClient Client { get; }

        public List<ProjectMemberDto> Members { get; } = [new("u-ann", "ann", ProjectRoles.Owner)];

        public ConcurrentQueue<(string Method, string What)> Calls { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Assert.StartsWith("/api/projects/p1/members", path);
            if (request.Method == HttpMethod.Get)
            {
                return JsonAnswer(HttpStatusCode.OK, new ProjectMemberList([.. Members]));
            }

            if (request.Method == HttpMethod.Post)
            {
                var body = (await request.Content!.ReadFromJsonAsync<ShareProjectRequest>(TodoJson.Options, cancellationToken))!;
                Calls.Enqueue(("POST", $"{body.Username} {body.Role}"));
                if (body.Username == "nobody")
                {
                    var problem = JsonAnswer(HttpStatusCode.NotFound, new { title = "Not found", status = 404, detail = "There is no user called \"nobody\"; check the spelling of their username." });
                    problem.Content.Headers.ContentType = new("application/problem+json");
                    return problem;
                }

                var member = new ProjectMemberDto($"u-{body.Username}", body.Username!, body.Role!);
                Members.Add(member);
                return JsonAnswer(HttpStatusCode.OK, member);
            }

            var who = path[(path.LastIndexOf('/') + 1)..];
            Calls.Enqueue(("DELETE", who));
            Members.RemoveAll(m => m.UserId == who);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        private static HttpResponseMessage JsonAnswer<T>(HttpStatusCode status, T value) =>
            new(status) { Content = JsonContent.Create(value, options: TodoJson.Options) };
    }
}
