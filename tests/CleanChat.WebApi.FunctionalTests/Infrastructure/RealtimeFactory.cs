using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>The service on real Kestrel at a free loopback port, so tests use real sockets (and real back-pressure).</summary>
public class RealtimeFactory : CleanChatApiFactory
{
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;

    public RealtimeFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host on a database another host may share (several nodes of one deployment).</summary>
    protected RealtimeFactory(TestDatabase database)
        : base(database)
    {
        _extraSettings = new Dictionary<string, string?>();
        UseKestrel(0);
    }

    protected RealtimeFactory(IReadOnlyDictionary<string, string?> extraSettings)
    {
        _extraSettings = extraSettings;
        UseKestrel(0);
    }

    public static RealtimeFactory With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    public Uri SocketUri(string path, string? token)
    {
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Uri($"ws://{address.Authority}{path}{(token is null ? string.Empty : $"?token={Uri.EscapeDataString(token)}")}");
    }

    protected override IReadOnlyDictionary<string, string?> Settings =>
        base.Settings.Concat(_extraSettings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }
}
