using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol.Hotel;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.Dialects.Hotel;

/// <summary>The hotel seed's one socket, for staff and guests alike; the salon sockets' handshake rules, the hotel protocol.</summary>
public static class HotelSocketEndpoints
{
    public const string Path = "/ws/message_manager";

    public static IEndpointRouteBuilder MapHotelSockets(this IEndpointRouteBuilder app)
    {
        // Routing matches the seed's trailing slash too.
        app.Map(Path, context => ChatSocketEndpoints.AcceptAsync(context, (server, socket, token) =>
            server.ServeAsync(socket, token, endpointType: null, HotelCodec.Instance, Path, context.RequestAborted))).ExcludeFromDescription();
        return app;
    }
}
