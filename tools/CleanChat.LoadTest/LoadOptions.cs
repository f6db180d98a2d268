namespace CleanChat.LoadTest;

/// <summary>Command-line settings; see README's "Load testing" section.</summary>
public sealed record LoadOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:8000");

    /// <summary>A second node of the same deployment: every other socket connects there, so each 1:1 message crosses nodes.</summary>
    public Uri? SecondUrl { get; init; }
    public string Scenario { get; init; } = "one-to-one";
    public int Connections { get; init; } = 1000;
    public int RoomSize { get; init; } = 10;
    public double[] Rates { get; init; } = { 1, 2, 5 };
    public int WarmupSeconds { get; init; } = 10;
    public int DurationSeconds { get; init; } = 60;
    public int DrainSeconds { get; init; } = 5;
    public double TargetP99Ms { get; init; } = 50;
    public int[] ServerPids { get; init; } = [];
    public string AdminEmail { get; init; } = "admin@salon.com";
    public string AdminPassword { get; init; } = "password";
    public int SocketsPerAccount { get; init; } = 1;
    public int IdleHoldSeconds { get; init; } = 20;

    /// <summary>Whether each send carries a fresh <c>client_message_id</c>, as a client that retries safely does.</summary>
    public bool ClientMessageIds { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--url" => options with { Url = new Uri(value) },
                "--second-url" => options with { SecondUrl = new Uri(value) },
                "--scenario" => options with { Scenario = value },
                "--connections" => options with { Connections = int.Parse(value) },
                "--room-size" => options with { RoomSize = int.Parse(value) },
                "--rates" => options with { Rates = value.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
                "--warmup" => options with { WarmupSeconds = int.Parse(value) },
                "--duration" => options with { DurationSeconds = int.Parse(value) },
                "--drain" => options with { DrainSeconds = int.Parse(value) },
                "--target-p99-ms" => options with { TargetP99Ms = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--server-pid" => options with { ServerPids = value.Split(',').Select(int.Parse).ToArray() },
                "--admin-email" => options with { AdminEmail = value },
                "--admin-password" => options with { AdminPassword = value },
                "--sockets-per-account" => options with { SocketsPerAccount = int.Parse(value) },
                "--idle-hold" => options with { IdleHoldSeconds = int.Parse(value) },
                "--client-message-ids" => options with { ClientMessageIds = bool.Parse(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }
}
