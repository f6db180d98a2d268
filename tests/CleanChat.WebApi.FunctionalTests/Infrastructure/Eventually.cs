namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls for a state the server reaches on its own (there is no event to wait for), within a time limit.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);

    /// <summary>The same, for a state read over HTTP or from the database.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + SocketClient.DefaultTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
