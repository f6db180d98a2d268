using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A push service on a loopback port, as a browser vendor runs one: it takes pushes at the endpoints it
/// hands out and answers with the status the test chose. With the browser side's keys it decrypts each
/// push (RFC 8291, aes128gcm) and checks its VAPID signature (RFC 8292), as the browser and the push
/// service would.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedPush> _received = Channel.CreateUnbounded<ReceivedPush>();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> _answers = new();

    private FakePushService(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var service = new FakePushService(builder.Build());
        service._app.MapPost("/push/{id}", async (string id, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            service._received.Writer.TryWrite(new ReceivedPush(id, request.Headers.Authorization.ToString(), request.Headers.ContentEncoding.ToString(),
                request.Headers["TTL"].ToString(), body.ToArray()));
            return Results.StatusCode((int)service.AnswerFor(id));
        });
        await service._app.StartAsync();
        service.BaseAddress = new Uri(service._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return service;
    }

    /// <summary>
    /// A new browser subscription at this service, as <c>PushManager.subscribe()</c> would create it. Its
    /// pushes are answered with <paramref name="answers"/> in turn, the last one from then on (201 if none).
    /// </summary>
    public BrowserSubscription Subscribe(params HttpStatusCode[] answers)
    {
        var id = Guid.NewGuid().ToString("N");
        _answers[id] = new ConcurrentQueue<HttpStatusCode>(answers.Length > 0 ? answers : [HttpStatusCode.Created]);
        return new BrowserSubscription(id, new Uri(BaseAddress, $"/push/{id}").ToString());
    }

    private HttpStatusCode AnswerFor(string id)
    {
        if (!_answers.TryGetValue(id, out var answers))
            return HttpStatusCode.NotFound;
        if (answers.Count > 1 && answers.TryDequeue(out var next))
            return next;
        return answers.TryPeek(out var last) ? last : HttpStatusCode.Created;
    }

    /// <summary>The next push this service received.</summary>
    public async Task<ReceivedPush> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedPush(string SubscriptionId, string Authorization, string ContentEncoding, string TimeToLive, byte[] Body);

/// <summary>The browser's side of a subscription: its key pair and authentication secret, and decryption.</summary>
public sealed class BrowserSubscription
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);

    public BrowserSubscription(string id, string endpoint)
    {
        Id = id;
        Endpoint = endpoint;
    }

    public string Id { get; }

    public string Endpoint { get; }

    public byte[] PublicKey
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    /// <summary>The body of <c>POST /api/v1/push/subscriptions</c>: the subscription as <c>JSON.stringify</c> gives it.</summary>
    public object ToJson() => new
    {
        endpoint = Endpoint,
        expirationTime = (object?)null,
        keys = new { p256dh = WebEncoders.Base64UrlEncode(PublicKey), auth = WebEncoders.Base64UrlEncode(_auth) },
    };

    /// <summary>Decrypts an aes128gcm push body (RFC 8188 framing, RFC 8291 keys) to its JSON.</summary>
    public JsonElement Decrypt(byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var keyIdLength = body[20];
        var serverKey = body[21..(21 + keyIdLength)];
        var ciphertext = body[(21 + keyIdLength)..];
        recordSize.ShouldBeGreaterThanOrEqualTo((uint)ciphertext.Length);

        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverKey[1..33], Y = serverKey[33..] },
        });
        var sharedSecret = _key.DeriveRawSecretAgreement(server.PublicKey);

        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. serverKey];
        var inputKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, _auth, keyInfo);
        var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());

        var plain = new byte[ciphertext.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
            aes.Decrypt(nonce, ciphertext[..^16], ciphertext[^16..], plain);

        // The last record ends with the delimiter 2, then any padding zeros.
        var end = Array.LastIndexOf(plain, (byte)2);
        end.ShouldBeGreaterThanOrEqualTo(0);
        return JsonDocument.Parse(Encoding.UTF8.GetString(plain, 0, end)).RootElement;
    }
}

/// <summary>Checks a push's VAPID header (RFC 8292): <c>vapid t=JWT, k=public key</c>, the JWT signed with that key for the push service's origin.</summary>
public static class Vapid
{
    public static void ShouldBeSignedBy(ReceivedPush push, string publicKey, Uri pushService, string subject)
    {
        push.Authorization.ShouldStartWith("vapid ");
        var parts = push.Authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        parts["k"].ShouldBe(publicKey);

        var jwt = parts["t"].Split('.');
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[1])).RootElement;
        // The audience is the push service's scheme and host: the library leaves a port out, which only this
        // loopback service has (real push services are https on 443, where the origin has none either).
        claims.GetProperty("aud").GetString().ShouldBe($"{pushService.Scheme}://{pushService.Host}");
        claims.GetProperty("exp").GetInt64().ShouldBeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        claims.GetProperty("sub").GetString().ShouldBe(subject);

        var point = WebEncoders.Base64UrlDecode(publicKey);
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        key.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), WebEncoders.Base64UrlDecode(jwt[2]), HashAlgorithmName.SHA256).ShouldBeTrue("the VAPID signature");
    }
}
