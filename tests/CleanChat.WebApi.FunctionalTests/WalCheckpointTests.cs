using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public class WalCheckpointTests
{
    [Fact]
    public async Task The_write_ahead_log_is_checkpointed_and_emptied_in_the_background()
    {
        using var factory = new CheckpointingFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        for (var i = 0; i < 20; i++)
            await ChatApi.SendAsync(world.Staff, chatId, $"message {i}");
        var wal = new FileInfo(factory.DatabasePath + "-wal");

        // Automatic checkpoints are off, so only the background checkpointer can empty the log.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (wal.Exists && wal.Length > 0)
        {
            await Task.Delay(50, timeout.Token);
            wal.Refresh();
        }

        (await ChatApi.HistoryAsync(world.Customer, chatId))["total"]!.GetValue<int>().ShouldBe(20);
    }

    private sealed class CheckpointingFactory : CleanChatApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Database:CheckpointIntervalMs"] = "100",
            ["Database:CheckpointWalBytes"] = "0",
        };
    }
}
