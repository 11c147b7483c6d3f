using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Chat;

public sealed class ChatPersistenceTests
{
    [Fact]
    public async Task AConversationSurvivesARestartOfTheBackendAndTheEmulator()
    {
        var backend = new BackendFixture
        {
            StateStoreYaml = """
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: statestore
                spec:
                  type: state.sqlite
                  version: v1
                  metadata:
                  - name: connectionString
                    value: state.sqlite
                """,
        };
        await backend.InitializeAsync();
        try
        {
            var (user, client) = await backend.NewUserAsync();
            var task = await client.CreateTaskAsync("Water the plants");
            var listed = await ChatApiTests.SendAsync(client, null, "what's on my list");
            client.Dispose();

            await backend.RestartAsync();

            using var again = backend.As(user);
            var conversation = await (await again.GetAsync($"api/chat/conversations/{listed.ConversationId}")).ReadAsync<Conversation>();
            Assert.Equal(["what's on my list", listed.Reply], conversation.Messages.Select(m => m.Text));
            Assert.Equal(listed.ConversationId, Assert.Single((await (await again.GetAsync("api/chat/conversations")).ReadAsync<ConversationPage>()).Items).Id);

            // The numbered list of the conversation survived too.
            var done = await ChatApiTests.SendAsync(again, listed.ConversationId, "done 1");
            Assert.Equal(task.Id, Assert.Single(done.Actions).Arguments.GetProperty("id").GetString());
            Assert.True((await (await again.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>()).Completed);
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }
}
