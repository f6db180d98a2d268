using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanChat.Infrastructure.Push;

/// <summary>VAPID key pairs (RFC 8292): P-256, the public key as an uncompressed point, both base64url.</summary>
public static class VapidKeys
{
    public static (string PublicKey, string PrivateKey) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (WebEncoders.Base64UrlEncode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), WebEncoders.Base64UrlEncode(parameters.D!));
    }

    /// <summary>Whether the two form one P-256 key pair.</summary>
    public static bool AreValid(string publicKey, string privateKey)
    {
        try
        {
            var point = WebEncoders.Base64UrlDecode(publicKey);
            var scalar = WebEncoders.Base64UrlDecode(privateKey);
            if (point.Length != 65 || point[0] != 0x04 || scalar.Length != 32)
                return false;

            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
                D = scalar,
            });
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
