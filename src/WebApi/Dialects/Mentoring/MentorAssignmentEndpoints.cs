using CleanChat.Application.Mentoring;
using CleanChat.Application.Mentoring.Commands.AssignMentor;
using CleanChat.Application.Mentoring.Commands.UnassignMentor;
using CleanChat.Application.Mentoring.Queries.GetMentor;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanChat.WebApi.Dialects.Mentoring;

/// <summary>A school's admin assigns, shows and removes a student's mentor (admin-only, within the admin's school).</summary>
public static class MentorAssignmentEndpoints
{
    public static IEndpointRouteBuilder MapMentorAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var mentor = app.MapGroup("/api/v1/students/{customerId:long}").WithTags("Mentoring").RequireAuthorization();

        mentor.MapPut("/mentor", (long customerId, AssignMentorRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AssignMentorCommand(customerId, body.UserId ?? 0), ct))
            .WithSummary("Give the student a mentor from the school's teachers and trainers (or another one: the conversation moves to them)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        mentor.MapGet("/mentor", (long customerId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetMentorQuery(customerId), ct))
            .WithSummary("The student's mentor at the admin's school (404 when none)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        mentor.MapDelete("/mentor", async Task<NoContent> (long customerId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnassignMentorCommand(customerId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Take the student's mentor away; they leave the student's conversation")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public sealed record AssignMentorRequest(long? UserId);
}
