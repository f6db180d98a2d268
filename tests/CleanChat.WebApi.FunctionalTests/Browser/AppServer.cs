using System.Net;
using System.Net.Sockets;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>
/// The service on real Kestrel at a fixed loopback port, so a browser can load the web app from it, and
/// so it can be stopped and started again at the same address on the same database (a restart mid-chat).
/// </summary>
public class AppServer : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly string _uploadsPath = Path.Combine(Path.GetTempPath(), $"cleanchat-browser-uploads-{Guid.NewGuid():N}");
    private readonly int _port = FreePort();
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public AppServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server whose configuration differs from the tests' defaults in <paramref name="settings"/>.</summary>
    protected AppServer(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Host = Start();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>The running host: its services, and HTTP clients for arranging data through the API.</summary>
    public CleanChatApiFactory Host { get; private set; }

    public async Task StopAsync() => await Host.DisposeAsync();

    public void StartAgain() => Host = Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _database.Dispose();
        if (Directory.Exists(_uploadsPath))
            Directory.Delete(_uploadsPath, recursive: true);
    }

    private Factory Start()
    {
        var factory = new Factory(_database, _uploadsPath, _port, _settings);
        factory.StartServer();
        return factory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory : CleanChatApiFactory
    {
        private readonly int _port;
        private readonly IReadOnlyDictionary<string, string?> _settings;

        public Factory(TestDatabase database, string uploadsPath, int port, IReadOnlyDictionary<string, string?> settings)
            : base(database)
        {
            _port = port;
            _settings = settings;
            UploadsPath = uploadsPath;
            UseKestrel(port);
        }

        public override string UploadsPath { get; }

        protected override bool DeletesFilesOnDispose => false;

        protected override IReadOnlyDictionary<string, string?> Settings =>
            base.Settings.Concat(_settings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", $"http://127.0.0.1:{_port}");
            // A browser lives in real time (typing pauses, token expiry): so does the service here.
            builder.ConfigureServices(services => services.AddSingleton(TimeProvider.System));
        }
    }
}
