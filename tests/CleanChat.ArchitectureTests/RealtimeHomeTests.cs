using System.Reflection;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol;
using CleanChat.WebApi.Realtime;

namespace CleanChat.ArchitectureTests;

/// <summary>The WebSocket gateway has one home, Infrastructure; WebApi only maps its endpoints.</summary>
public class RealtimeHomeTests
{
    // The endpoints accept the socket (an HTTP upgrade); everything past that is the gateway's.
    private static readonly Type[] GatewayTypes = [typeof(RealtimeConnection), typeof(ClientFrame), typeof(IRealtimeCodec), typeof(SocketReply)];

    [Fact]
    public void No_WebApi_type_holds_or_passes_connections_frames_or_codecs()
    {
        var webApi = typeof(ChatSocketEndpoints).Assembly;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        var offenders = webApi.GetTypes()
            .SelectMany(type => type.GetFields(all).Select(f => (Owner: type, Used: f.FieldType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)).Select(t => (Owner: type, Used: t))))
            .Where(use => GatewayTypes.Any(gateway => Mentions(use.Used, gateway)))
            .Select(use => $"{use.Owner.FullName} uses {use.Used.Name}")
            .Distinct()
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Every_notification_type_lives_in_the_application_next_to_its_DTOs()
    {
        typeof(CleanChat.Application.Common.Notifications.ChatNotification).Assembly.GetName().Name.ShouldBe("CleanChat.Application");
        typeof(ChatSocketEndpoints).Assembly.GetTypes().ShouldNotContain(t => t.IsSubclassOf(typeof(CleanChat.Application.Common.Notifications.ChatNotification)));
        typeof(RealtimeConnection).Assembly.GetTypes().ShouldNotContain(t => t.IsSubclassOf(typeof(CleanChat.Application.Common.Notifications.ChatNotification)));
    }

    private static bool Mentions(Type used, Type gateway) =>
        gateway.IsAssignableFrom(used) || (used.IsGenericType && used.GetGenericArguments().Any(argument => Mentions(argument, gateway))) ||
        (used.HasElementType && Mentions(used.GetElementType()!, gateway));
}
