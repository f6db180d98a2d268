using System.Text.Json;
using CleanChat.Application.Push;
using CleanChat.Infrastructure.Push;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// In Development, Web Push works out of the box: without a configured VAPID pair, one is generated on
/// first run into <c>webpush.Development.json</c> beside the settings (kept out of git) and read from there
/// on every run after, so browsers' subscriptions stay valid across restarts. Never anywhere else: a
/// deployment's key pair comes from its own configuration.
/// </summary>
public static class DevelopmentVapidKeys
{
    public const string FileName = "webpush.Development.json";

    public static void AddTo(ConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() || !string.IsNullOrEmpty(configuration[$"{PushOptions.SectionName}:{nameof(PushOptions.PublicKey)}"]))
            return;

        var path = Path.Combine(environment.ContentRootPath, FileName);
        if (!File.Exists(path))
        {
            var (publicKey, privateKey) = VapidKeys.Generate();
            var settings = new Dictionary<string, object> { [PushOptions.SectionName] = new { PublicKey = publicKey, PrivateKey = privateKey } };
            File.WriteAllText(path, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));
        }

        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
    }
}
