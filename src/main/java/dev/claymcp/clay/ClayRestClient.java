package dev.claymcp.clay;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Clay's table API, one method per endpoint. Every method answers the raw {@link Response} so that status codes,
 * {@code Retry-After} and non-JSON bodies are handled in one place ({@link HttpClayTables}); the {@code claysession}
 * cookie is added by {@link ClaySessionHeaders}.
 */
@RegisterRestClient(configKey = "clay")
@RegisterClientHeaders(ClaySessionHeaders.class)
@Path("/v3/tables/{tableId}")
@Produces(MediaType.APPLICATION_JSON)
public interface ClayRestClient {

    @GET
    @Path("/count")
    Response countRows(@PathParam("tableId") String tableId);

    @GET
    @Path("/views/{viewId}/records/ids")
    Response recordIds(@PathParam("tableId") String tableId, @PathParam("viewId") String viewId);

    @GET
    @Path("/sources")
    Response sources(@PathParam("tableId") String tableId);

    @POST
    @Path("/records")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addRecords(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** The body is {@link EnrichmentRun#formBody()}: already form-encoded. */
    @PATCH
    @Path("/run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response runEnrichment(@PathParam("tableId") String tableId, String formBody);

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateTable(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** {@code recordId} must already be percent-encoded as one path segment. */
    @DELETE
    @Path("/records/{recordId}")
    Response deleteRecord(@PathParam("tableId") String tableId, @Encoded @PathParam("recordId") String recordId);

    @DELETE
    @Path("/sources/{sourceId}")
    Response deleteSource(@PathParam("tableId") String tableId, @PathParam("sourceId") String sourceId);

    @DELETE
    @Path("/records")
    Response deleteAllRecords(@PathParam("tableId") String tableId);
}
